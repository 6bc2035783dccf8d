/**
 * Failed logins per key (the client's address, and the name tried): after `limit` failures within
 * `windowMs`, further attempts are refused until the window passes. In memory: one server process.
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();
  constructor(
    private limit = 5,
    private windowMs = 60_000,
    private now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may try again; 0 when it may try now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    return Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000);
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const cut = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > cut);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }
}
