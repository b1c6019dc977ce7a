import type { LimitCheck, LimitOutcome, LimitResult, LimitsStore } from '@gatehouse/gateway-core';
import type { Redis } from 'ioredis';

import { LIMITS_LUA } from './limits.lua';

const OUTCOMES: LimitOutcome[] = ['allowed', 'rate_limited', 'quota_exceeded'];

type RedisWithLimits = Redis & {
  gatehouseLimits(...args: (string | number)[]): Promise<[number, number, number, number, number]>;
};

/** Rate limits and quotas shared by every gateway of a region: one Lua call per request. */
export class LimitsRepository implements LimitsStore {
  private readonly redis: RedisWithLimits;

  constructor(redis: Redis) {
    // defineCommand sends EVALSHA and falls back to EVAL once, so the script crosses the wire rarely.
    if (!Object.prototype.hasOwnProperty.call(redis, 'gatehouseLimits')) {
      redis.defineCommand('gatehouseLimits', { numberOfKeys: 2, lua: LIMITS_LUA });
    }
    this.redis = redis as RedisWithLimits;
  }

  async check(check: LimitCheck): Promise<LimitResult> {
    const [outcome, rateRemaining, rateResetMs, quotaRemaining, quotaResetMs] =
      await this.redis.gatehouseLimits(
        `rl-${check.scope}`,
        `quota-${check.scope}`,
        check.rate,
        check.perSeconds * 1000,
        check.quotaMax,
        check.quotaRenewalSeconds,
      );
    return { outcome: OUTCOMES[outcome], rateRemaining, rateResetMs, quotaRemaining, quotaResetMs };
  }

  /** Tyk's "reset quota": the next request starts a fresh quota period. */
  async resetQuota(scope: string): Promise<void> {
    await this.redis.del(`quota-${scope}`);
  }

  /** Quota used so far in the current period (0 when none is running). */
  async quotaUsed(scope: string): Promise<number> {
    return Number((await this.redis.get(`quota-${scope}`)) ?? 0);
  }
}
