import type { Redis } from './redis-client';

/**
 * GCRA in one step: the key holds the theoretical arrival time (ms). Allowed when the new arrival time
 * is within the burst tolerance of now; the key expires when the bucket would be full again. Redis's
 * own clock is used, so every instance sharing the Redis agrees on time.
 */
const TAKE = `
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local next = tat + interval * cost
if next - now > tolerance then
  return {0, math.ceil(next - now - tolerance)}
end
redis.call('SET', KEYS[1], tostring(next), 'PX', math.max(1, math.ceil(next - now)))
return {1, 0}
`;

export interface GcraLimit {
  /** Sustained rate. */
  perSecond: number;
  /** How many may come at once after a quiet spell. */
  burst: number;
}

export interface GcraDecision {
  allowed: boolean;
  /** When refused: how long until the same cost would be allowed. */
  retryAfterMs: number;
}

/**
 * A rate limit per key shared by every process using the same Redis (one Lua call per decision, one
 * key per limited subject, expiring on its own). Use it where a limit must hold across instances, e.g.
 * a tenant's writes through several dashboards.
 */
export class GcraRateLimiter {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;

  constructor(
    private readonly redis: Redis,
    /** Prepended to every subject: one namespace per limit. */
    private readonly keyPrefix: string,
    limit: GcraLimit,
  ) {
    this.intervalMs = 1000 / limit.perSecond;
    this.toleranceMs = this.intervalMs * limit.burst;
  }

  /** Takes `cost` tokens of `subject` if it has them; otherwise takes nothing and says when to retry. */
  async take(subject: string, cost = 1): Promise<GcraDecision> {
    const [allowed, retryAfterMs] = (await this.redis.eval(
      TAKE,
      1,
      `${this.keyPrefix}${subject}`,
      String(this.intervalMs),
      String(this.toleranceMs),
      String(cost),
    )) as [number, number];
    return { allowed: allowed === 1, retryAfterMs };
  }
}
