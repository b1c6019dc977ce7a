import type { RedisConnection } from './redis-connection';

/** Drops expired slots, then takes one if fewer than the limit are held. */
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`;

/**
 * Connections held across the region, per owner (a key, or an IP on a keyless API): one sorted set of
 * slots, each scored with the time it expires. The gateway holding a slot renews it; a gateway that
 * dies stops renewing, and its slots lapse within `ttlMs`, so a limit never stays used up by the dead.
 */
export class ConnectionSlots {
  constructor(
    private readonly redis: RedisConnection,
    readonly ttlMs: number,
  ) {}

  /** True if `slot` was taken under `key` (fewer than `max` live slots were held there). */
  async take(key: string, slot: string, max: number): Promise<boolean> {
    const now = Date.now();
    const taken = await this.redis.eval(TAKE, 1, key, now, now + this.ttlMs, max, slot, this.ttlMs);
    return Number(taken) === 1;
  }

  /**
   * Extends every slot held here: only those still present (a lapsed one is not brought back). Separate
   * commands, not one pipeline: on a Cluster the owners' keys sit on different nodes, and the client's
   * auto-pipelining sends them together anyway.
   */
  async renew(held: Iterable<[key: string, slot: string]>): Promise<void> {
    const expires = Date.now() + this.ttlMs;
    const renewals = [...held].flatMap(([key, slot]) => [
      this.redis.zadd(key, 'XX', expires, slot),
      this.redis.pexpire(key, this.ttlMs),
    ]);
    await Promise.all(renewals);
  }

  async release(key: string, slot: string): Promise<void> {
    await this.redis.zrem(key, slot);
  }
}
