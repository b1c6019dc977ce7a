export interface FailureCounterOptions {
  /** Failures a source may make within a window; after that it is refused until the window ends. */
  limit: number;
  windowMs: number;
  /** Sources remembered at most, so a flood of addresses cannot grow memory without bound. */
  maxSources: number;
}

interface Window {
  failures: number;
  endsAt: number;
}

/**
 * Failed attempts per source (a client address, or a user name and address), in process memory: the
 * Gateway API's secret and basic-auth passwords cannot be brute-forced through the gateway. Every window has the same length and a source
 * is (re)inserted when its window starts, so the map's insertion order is also expiry order: expired
 * windows are dropped from the front in amortised constant time, and when the map is full of live
 * windows the one closest to ending is dropped. An attacker can only evict others' windows by spending
 * `maxSources` addresses, which already buys them `maxSources × limit` guesses.
 */
export class FailureCounter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly options: FailureCounterOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `source` may try again, or 0 while it has failures left in its window. */
  blockedForMs(source: string): number {
    const window = this.windows.get(source);
    if (!window || window.failures < this.options.limit) return 0;
    return Math.max(0, window.endsAt - this.now());
  }

  /** A success forgets the source's failures (a user who logs in is not held back by earlier typos). */
  succeeded(source: string): void {
    this.windows.delete(source);
  }

  failed(source: string): void {
    const now = this.now();
    const window = this.windows.get(source);
    if (window && window.endsAt > now) {
      window.failures++;
      return;
    }
    this.windows.delete(source);
    this.dropExpired(now);
    if (this.windows.size >= this.options.maxSources) this.dropOldest();
    this.windows.set(source, { failures: 1, endsAt: now + this.options.windowMs });
  }

  /** Sources currently remembered (for tests and metrics). */
  get size(): number {
    return this.windows.size;
  }

  private dropExpired(now: number): void {
    for (const [source, window] of this.windows) {
      if (window.endsAt > now) return;
      this.windows.delete(source);
    }
  }

  private dropOldest(): void {
    const oldest = this.windows.keys().next();
    if (!oldest.done) this.windows.delete(oldest.value);
  }
}
