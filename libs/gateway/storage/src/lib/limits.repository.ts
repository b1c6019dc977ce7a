import type { LimitCheck, LimitOutcome, LimitResult, LimitsStore } from '@gatehouse/gateway-core';
import { besideKey, isCluster, RedisConnection } from './redis-connection';

import { LIMITS_LUA } from './limits.lua';

const OUTCOMES: LimitOutcome[] = ['allowed', 'rate_limited', 'quota_exceeded'];

/** Checks per script call at most; bounds the time one call holds Redis. */
const MAX_BATCH = 128;

/** Tyk's quota counter name, kept so a Redis Tyk wrote keeps its counts. */
function quotaKey(scope: string): string {
  return `quota-${scope}`;
}

type RedisWithLimits = RedisConnection & {
  gatehouseLimits(numberOfKeys: number, ...args: (string | number)[]): Promise<number[]>;
};

interface Pending {
  check: LimitCheck;
  resolve(result: LimitResult): void;
  reject(error: unknown): void;
}

/**
 * Rate limits and quotas shared by every gateway of a region. Checks requested in the same turn of the
 * event loop go to Redis together, in one script call: the script's fixed cost was most of Redis's
 * work per request, and requests arrive in bursts from each network read.
 */
export class LimitsRepository implements LimitsStore {
  private readonly redis: RedisWithLimits;
  private pending: Pending[] = [];
  /**
   * On a Cluster the checks of one call would span hash slots, so each check is a call of its own
   * (auto-pipelining still sends a turn's calls to each node together).
   */
  private readonly batchSize: number;

  constructor(redis: RedisConnection) {
    // defineCommand sends EVALSHA and falls back to EVAL once, so the script crosses the wire rarely.
    if (!Object.prototype.hasOwnProperty.call(redis, 'gatehouseLimits')) {
      redis.defineCommand('gatehouseLimits', { lua: LIMITS_LUA });
    }
    this.redis = redis as RedisWithLimits;
    this.batchSize = isCluster(redis) ? 1 : MAX_BATCH;
  }

  check(check: LimitCheck): Promise<LimitResult> {
    return new Promise((resolve, reject) => {
      // setImmediate, not nextTick: it runs after every request read in this turn of the event loop
      // has been parsed, so one script call serves them all.
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ check, resolve, reject });
    });
  }

  /** Tyk's "reset quota": the next request starts a fresh quota period. */
  async resetQuota(scope: string): Promise<void> {
    await this.redis.del(quotaKey(scope));
  }

  /** Quota used so far in the current period (0 when none is running). */
  async quotaUsed(scope: string): Promise<number> {
    return Number((await this.redis.get(quotaKey(scope))) ?? 0);
  }

  private flush(): void {
    const all = this.pending;
    this.pending = [];
    for (let start = 0; start < all.length; start += this.batchSize)
      void this.send(all.slice(start, start + this.batchSize));
  }

  private async send(batch: Pending[]): Promise<void> {
    const keys: string[] = [];
    const args: number[] = [];
    for (const { check } of batch) {
      // The rate key lives in its quota key's hash slot, for Redis Cluster.
      const quota = quotaKey(check.scope);
      keys.push(besideKey(this.redis, quota, 'rl-'), quota);
      args.push(check.rate, check.perSeconds * 1000, check.quotaMax, check.quotaRenewalSeconds);
    }
    try {
      const out = await this.redis.gatehouseLimits(keys.length, ...keys, ...args);
      batch.forEach((pending, i) => {
        const at = i * 5;
        pending.resolve({
          outcome: OUTCOMES[out[at]],
          rateRemaining: out[at + 1],
          rateResetMs: out[at + 2],
          quotaRemaining: out[at + 3],
          quotaResetMs: out[at + 4],
        });
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}
