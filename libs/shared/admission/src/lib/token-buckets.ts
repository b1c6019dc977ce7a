export interface RateLimit {
  /** Sustained rate. */
  perSecond: number;
  /** How many may come at once after a quiet spell. */
  burst: number;
}

export interface RateDecision {
  allowed: boolean;
  /** When refused: how long until the same cost would be allowed. */
  retryAfterMs: number;
}

/**
 * Token buckets per key in this process, as GCRA: one number per key (the theoretical arrival time),
 * so memory stays constant per key whatever the rate. At most `maxKeys` keys are remembered; the least
 * recently used are forgotten first, and a forgotten key is simply full again, which only ever errs
 * towards allowing.
 */
export class TokenBuckets {
  private readonly tats = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly toleranceMs: number;

  constructor(
    limit: RateLimit,
    private readonly clock: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {
    this.intervalMs = 1000 / limit.perSecond;
    this.toleranceMs = this.intervalMs * limit.burst;
  }

  /** Takes `cost` tokens of `key` if it has them; otherwise takes nothing and says when to retry. */
  take(key: string, cost = 1): RateDecision {
    const now = this.clock();
    const tat = Math.max(this.tats.get(key) ?? now, now);
    const next = tat + this.intervalMs * cost;
    if (next - now > this.toleranceMs) {
      return { allowed: false, retryAfterMs: Math.ceil(next - now - this.toleranceMs) };
    }
    // Re-inserting moves the key to the back, so the front holds the least recently used.
    this.tats.delete(key);
    this.tats.set(key, next);
    while (this.tats.size > this.maxKeys) this.tats.delete(this.tats.keys().next().value as string);
    return { allowed: true, retryAfterMs: 0 };
  }
}
