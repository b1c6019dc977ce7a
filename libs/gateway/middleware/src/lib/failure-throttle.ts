interface Window {
  failures: number;
  endsAt: number;
}

export interface FailureThrottleOptions {
  /** Failures allowed per key within a window; the next attempt is refused until the window ends. */
  limit: number;
  windowMs: number;
  /** Keys remembered at most; past it, ended windows are swept and then the oldest dropped. */
  maxKeys: number;
}

/**
 * Counts failed credential checks per key (e.g. user name and client address) in process memory, so a
 * password cannot be brute-forced through the gateway. Keyed by caller as well as account, so an
 * attacker elsewhere cannot lock the real user out; bounded, so a flood of names cannot grow memory.
 */
export class FailureThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly options: FailureThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  blocked(key: string): boolean {
    const window = this.windows.get(key);
    if (!window) return false;
    if (window.endsAt <= this.now()) {
      this.windows.delete(key);
      return false;
    }
    return window.failures >= this.options.limit;
  }

  failed(key: string): void {
    const now = this.now();
    const window = this.windows.get(key);
    if (window && window.endsAt > now) {
      window.failures++;
      return;
    }
    if (this.windows.size >= this.options.maxKeys) this.makeRoom(now);
    this.windows.set(key, { failures: 1, endsAt: now + this.options.windowMs });
  }

  succeeded(key: string): void {
    this.windows.delete(key);
  }

  private makeRoom(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    if (this.windows.size < this.options.maxKeys) return;
    const oldest = this.windows.keys().next().value;
    if (oldest !== undefined) this.windows.delete(oldest);
  }
}
