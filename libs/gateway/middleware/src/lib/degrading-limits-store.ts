import type { LimitCheck, LimitResult, LimitsStore } from '@gatehouse/gateway-core';

import type { LocalRateLimiter } from './local-rate-limiter';

/**
 * The region's shared counters, or, while they cannot be reached, this process's own: a key keeps its
 * rate limit (counted per process, so a region of N processes admits up to N times the rate) and its
 * quota is not counted until Redis is back. Each such decision is reported, so operators see how much
 * traffic ran degraded. Refusing every request because Redis restarted would turn a cache outage into
 * an API outage.
 */
export class DegradingLimitsStore implements LimitsStore {
  constructor(
    private readonly shared: LimitsStore,
    private readonly local: LocalRateLimiter,
    private readonly degraded: () => void,
  ) {}

  check(check: LimitCheck): Promise<LimitResult> {
    return this.shared.check(check).catch(() => this.locally(check));
  }

  private locally(check: LimitCheck): LimitResult {
    this.degraded();
    if (check.rate <= 0) {
      return { outcome: 'allowed', rateRemaining: -1, rateResetMs: 0, quotaRemaining: -1, quotaResetMs: -1 };
    }
    const decision = this.local.check(`rl-${check.scope}`, check.rate, check.perSeconds);
    return {
      outcome: decision.allowed ? 'allowed' : 'rate_limited',
      rateRemaining: decision.remaining,
      rateResetMs: decision.resetMs,
      quotaRemaining: -1,
      quotaResetMs: -1,
    };
  }
}
