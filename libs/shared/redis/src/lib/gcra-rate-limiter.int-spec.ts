import { stackService, uniqueName } from '@gatehouse/shared-testing';
import type { Redis } from 'ioredis';

import { GcraRateLimiter } from './gcra-rate-limiter';
import { connectRedis } from './redis-client';

describe(GcraRateLimiter.name, () => {
  const prefix = `${uniqueName('gcra')}:`;
  let redis: Redis;
  let other: Redis;

  beforeAll(async () => {
    redis = await connectRedis({ url: stackService('redis'), connectionName: 'gcra-spec' }, 5000);
    other = await connectRedis({ url: stackService('redis'), connectionName: 'gcra-spec-2' }, 5000);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    other.disconnect();
  });

  it('allows the burst, then refuses with the time until the next token', async () => {
    // One token a minute: nothing refills during the test, so the counts are exact.
    const sut = new GcraRateLimiter(redis, prefix, { perSecond: 1 / 60, burst: 3 });
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await sut.take('org-a'));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false, false]);
    expect(decisions[3].retryAfterMs).toBeGreaterThan(55_000);
    expect(decisions[3].retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('holds across clients (dashboard instances) sharing the Redis, and keeps subjects apart', async () => {
    const first = new GcraRateLimiter(redis, prefix, { perSecond: 1 / 60, burst: 2 });
    const second = new GcraRateLimiter(other, prefix, { perSecond: 1 / 60, burst: 2 });
    expect((await first.take('shared')).allowed).toBe(true);
    expect((await second.take('shared')).allowed).toBe(true);
    expect((await first.take('shared')).allowed).toBe(false);
    expect((await second.take('shared')).allowed).toBe(false);
    expect((await second.take('someone-else')).allowed).toBe(true);
  });

  it('charges a cost, refuses without charging, and lets its key expire', async () => {
    const sut = new GcraRateLimiter(redis, prefix, { perSecond: 1 / 60, burst: 5 });
    expect((await sut.take('cost', 4)).allowed).toBe(true);
    expect((await sut.take('cost', 2)).allowed).toBe(false);
    expect((await sut.take('cost', 1)).allowed).toBe(true);
    const ttl = await redis.pttl(`${prefix}cost`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000);
  });
});
