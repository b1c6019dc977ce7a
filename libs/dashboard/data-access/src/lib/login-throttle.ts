import type { Redis } from 'ioredis';

export interface ThrottleKey {
  key: string;
  /** Failures allowed within the window before refusing. */
  limit: number;
}

/**
 * Counts failed logins per account and per client address in Redis (shared by every dashboard
 * instance) and says when to refuse: brute force gets `limit` tries per window, then 429. Addresses get
 * a higher limit than accounts, since many users may share one.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly windowSeconds = 900,
  ) {}

  async blocked(keys: ThrottleKey[]): Promise<boolean> {
    const counts = await this.redis.mget(keys.map(({ key }) => `login-fail:${key}`));
    return counts.some((count, index) => Number(count ?? 0) >= keys[index].limit);
  }

  async failed(keys: ThrottleKey[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const { key } of keys) {
      pipeline.incr(`login-fail:${key}`);
      pipeline.expire(`login-fail:${key}`, this.windowSeconds, 'NX');
    }
    await pipeline.exec();
  }

  async succeeded(key: ThrottleKey): Promise<void> {
    await this.redis.del(`login-fail:${key.key}`);
  }
}
