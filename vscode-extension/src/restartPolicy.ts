// When the server process ends on its own, should the client start it again?
// No `vscode` import, so the policy is unit tested on its own.

export type Decision = 'restart' | 'give-up';

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A server that never got through `initialize` is broken or missing: restarting
   * it only repeats the error, so give up at once. A server that ran and crashed
   * is restarted, unless it crashed more than `maxRestarts` times in `windowMs`.
   */
  onClosed(wasRunning: boolean): Decision {
    if (!wasRunning) {
      return 'give-up';
    }
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c <= this.windowMs);
    this.crashes.push(t);
    return this.crashes.length > this.maxRestarts ? 'give-up' : 'restart';
  }
}
