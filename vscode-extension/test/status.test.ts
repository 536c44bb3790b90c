import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutOwnedCommands } from '../src/commandIds';
import { countRolint, statusText } from '../src/status';

describe('countRolint', () => {
  it('counts only diagnostics whose source is rolint, by severity', () => {
    const counts = countRolint([
      { source: 'rolint', severity: 0 },
      { source: 'rolint', severity: 1 },
      { source: 'rolint', severity: 1 },
      { source: 'rolint', severity: 2 },
      { source: 'rolint', severity: 3 },
      { source: 'cSpell', severity: 1 },
      { severity: 0 },
    ]);
    assert.deepEqual(counts, { errors: 1, warnings: 2, infos: 1, hints: 1 });
  });
});

describe('statusText', () => {
  const counts = { errors: 2, warnings: 5, infos: 0, hints: 1 };

  it('shows counts while the server runs', () => {
    const { text, tooltip } = statusText('running', counts);
    assert.equal(text, '$(check) rolint $(error) 2 $(warning) 5 $(info) 0');
    assert.match(tooltip, /rulează/);
  });

  it('names every state in the tooltip', () => {
    assert.match(statusText('starting', counts).text, /sync~spin/);
    assert.match(statusText('stopped', counts).tooltip, /oprit/);
    const error = statusText('error', counts, 'rolint nu este instalat');
    assert.equal(error.text, '$(error) rolint');
    assert.match(error.tooltip, /nu a putut porni\nrolint nu este instalat/);
  });
});

describe('withoutOwnedCommands', () => {
  it('keeps server commands the extension does not own', () => {
    assert.deepEqual(
      withoutOwnedCommands(['rolint.fixAll', 'rolint.addToVocabulary', 'rolint.checkWorkspace']),
      ['rolint.fixAll', 'rolint.addToVocabulary'],
    );
    assert.deepEqual(withoutOwnedCommands(undefined), []);
  });
});
