import type { Redis } from 'ioredis';

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
    private readonly redis: Redis,
    readonly ttlMs: number,
  ) {}

  /** True if `slot` was taken under `key` (fewer than `max` live slots were held there). */
  async take(key: string, slot: string, max: number): Promise<boolean> {
    const now = Date.now();
    const taken = await this.redis.eval(TAKE, 1, key, now, now + this.ttlMs, max, slot, this.ttlMs);
    return Number(taken) === 1;
  }

  /** Extends every slot held here: only those still present (a lapsed one is not brought back). */
  async renew(held: Iterable<[key: string, slot: string]>): Promise<void> {
    const expires = Date.now() + this.ttlMs;
    const pipeline = this.redis.pipeline();
    for (const [key, slot] of held) pipeline.zadd(key, 'XX', expires, slot).pexpire(key, this.ttlMs);
    if (pipeline.length > 0) await pipeline.exec();
  }

  async release(key: string, slot: string): Promise<void> {
    await this.redis.zrem(key, slot);
  }
}
