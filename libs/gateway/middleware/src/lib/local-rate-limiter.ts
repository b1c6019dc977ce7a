import { gcra, GcraDecision } from '@gatehouse/gateway-core';

/**
 * GCRA counters in this process only: no Redis round trip, but each gateway process counts on its own,
 * so a region with N processes admits up to N times the rate. Entries whose bucket is full again are
 * swept once the map grows, so memory follows the number of active keys.
 */
export class LocalRateLimiter {
  private readonly tats = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sweepAbove = 100_000,
  ) {}

  check(scope: string, rate: number, perSeconds: number): GcraDecision {
    const now = this.now();
    const decision = gcra(this.tats.get(scope), now, rate, perSeconds * 1000);
    if (decision.allowed) {
      this.tats.set(scope, decision.tat);
      if (this.tats.size > this.sweepAbove) this.sweep(now);
    }
    return decision;
  }

  private sweep(now: number): void {
    for (const [scope, tat] of this.tats) if (tat <= now) this.tats.delete(scope);
  }
}
