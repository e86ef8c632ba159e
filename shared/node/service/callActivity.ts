/**
 * Whether the service is answering anything: background work that may take the event loop for a while
 * (the first walk of a store's folders to watch them, a polling scan) waits until no call is in flight,
 * so that it never delays an answer (issue 12). At a launch the page asks for its first screen at once;
 * the walk of a 2,000-run `mlruns` then ran between those answers and held each of them back.
 */
export class CallActivity {
  private inFlight = 0;
  private begun = 0;
  private waiters: (() => void)[] = [];

  /** A call started; `end` must follow, whatever its outcome. */
  begin(): void {
    this.inFlight++;
    this.begun++;
  }

  end(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.inFlight === 0 && this.waiters.length > 0)
      // After what the answer's own continuation does (its write), and only if nothing started since.
      setImmediate(() => this.release());
  }

  /** Resolves when no call is in flight (at once when none is). */
  whenQuiet(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Resolves once no call has been in flight for `ms` (work that can wait for a pause in use, such as
   * rendering the page's shell for next time). Its timers keep no process alive.
   */
  async whenIdleFor(ms: number): Promise<void> {
    for (;;) {
      await this.whenQuiet();
      const seen = this.begun;
      await new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
      if (this.begun === seen && this.inFlight === 0) return;
    }
  }

  private release(): void {
    if (this.inFlight > 0) return;
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
}
