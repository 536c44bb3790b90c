import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartPolicy } from '../src/restartPolicy';

describe('RestartPolicy', () => {
  it('gives up at once on a server that never started', () => {
    assert.equal(new RestartPolicy().onClosed(false), 'give-up');
  });

  it('restarts a crashed server up to four times in three minutes', () => {
    let t = 0;
    const policy = new RestartPolicy(4, 180_000, () => t);
    const decisions = [1, 2, 3, 4, 5].map(() => {
      t += 1000;
      return policy.onClosed(true);
    });
    assert.deepEqual(decisions, ['restart', 'restart', 'restart', 'restart', 'give-up']);
  });

  it('forgets crashes older than the window', () => {
    let t = 0;
    const policy = new RestartPolicy(2, 10_000, () => t);
    policy.onClosed(true);
    policy.onClosed(true);
    t = 60_000;
    assert.equal(policy.onClosed(true), 'restart');
  });
});
