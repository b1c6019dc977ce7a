import type { Cluster, Redis } from 'ioredis';
import { createHash } from 'node:crypto';

export interface ThrottleKey {
  /** What is counted, e.g. one account from one address; any text (it is hashed into the Redis key). */
  key: string;
  /** Attempts allowed within the window; the next one is refused. */
  limit: number;
}

/**
 * Reserves one attempt on every key, or on none: if any key has used up its limit nothing is counted
 * and the answer is the milliseconds until the last used-up key's window ends (at least 1); 0 means
 * reserved. Check and count happen in one script, so parallel attempts cannot all pass the check
 * before any of them is counted. A key's window starts at its first attempt.
 * KEYS: the counters; ARGV[1]: window in ms; ARGV[1 + i]: the limit of KEYS[i].
 */
const RESERVE_LUA = `
local wait = 0
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i + 1]) then
    wait = math.max(wait, redis.call('PTTL', key), 1)
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  redis.call('INCR', key)
  if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, ARGV[1]) end
end
return 0
`;

/** Gives one reserved attempt back on every key (never below zero). */
const REFUND_LUA = `
for _, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count > 1 then redis.call('DECR', key) elseif count == 1 then redis.call('DEL', key) end
end
return 1
`;

/**
 * Attempts at a credential (passwords, the platform admin secret) counted in Redis, so every dashboard
 * instance shares the count. An attempt is reserved before the credential is checked and refunded
 * when it was right, so what stays counted are failures, and `limit` parallel guesses at most are
 * ever checked.
 */
export class CredentialThrottle {
  constructor(
    /** One server (standalone or the Sentinel primary) or a Redis Cluster. */
    private readonly redis: Redis | Cluster,
    private readonly windowSeconds = 900,
  ) {}

  /**
   * Counts one attempt on every key and answers 0, or, when any key is used up, counts nothing and
   * answers the milliseconds until the caller may try again.
   */
  async reserve(keys: ThrottleKey[]): Promise<number> {
    const result = await this.redis.eval(
      RESERVE_LUA,
      keys.length,
      ...keys.map(({ key }) => redisKey(key)),
      String(this.windowSeconds * 1000),
      ...keys.map(({ limit }) => String(limit)),
    );
    return Number(result);
  }

  /** The credential was right: the attempts reserved on `keys` are given back. */
  async refund(keys: ThrottleKey[]): Promise<void> {
    await this.redis.eval(REFUND_LUA, keys.length, ...keys.map(({ key }) => redisKey(key)));
  }

  /** Forgets every attempt on `keys` (a successful login clears that account's count from its address). */
  async clear(keys: ThrottleKey[]): Promise<void> {
    await this.redis.del(...keys.map(({ key }) => redisKey(key)));
  }
}

/**
 * Emails and org slugs are the caller's text: hashed, they make bounded keys with no separator games.
 * One hash tag for every counter: a reservation spans several keys in one script, which a Redis Cluster
 * runs only within one slot (the counters are few and small, so one node holds them all).
 */
function redisKey(key: string): string {
  return `credential-attempts:{throttle}:${createHash('sha256').update(key).digest('hex')}`;
}
