import type { RedisConnection } from './redis-connection';

/** Takes the lease if free, or extends it if this holder has it already. */
const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * A lease in the regional Redis: at most one gateway of the region holds it at a time, and it passes
 * to another once the holder stops renewing it (dies) for `ttlMs`.
 */
export class RegionLease {
  constructor(
    private readonly redis: RedisConnection,
    readonly key: string,
    private readonly holder: string,
    readonly ttlMs: number,
  ) {}

  /** True while this holder has the lease (taken now, or renewed). */
  async acquire(): Promise<boolean> {
    return Number(await this.redis.eval(ACQUIRE, 1, this.key, this.holder, this.ttlMs)) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.holder);
  }
}
