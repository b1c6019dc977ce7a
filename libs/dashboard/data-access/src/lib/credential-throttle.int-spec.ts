import { connectRedis, Redis } from '@gatehouse/shared-redis';
import { stackService, uniqueName } from '@gatehouse/shared-testing';

import { CredentialThrottle } from './credential-throttle';

describe(`${CredentialThrottle.name} (real Redis)`, () => {
  let redis: Redis;
  let sut: CredentialThrottle;
  const prefix = `${uniqueName('throttle')}:`;

  beforeAll(async () => {
    redis = await connectRedis(
      { url: stackService('redis'), connectionName: 'spec', keyPrefix: prefix },
      5000,
    );
    sut = new CredentialThrottle(redis, 900);
  });

  const reserved = async (keys: { key: string; limit: number }[]) => (await sut.reserve(keys)) === 0;

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys.map((key) => key.slice(prefix.length)));
    redis.disconnect();
  });

  it('reserves exactly `limit` of many parallel attempts', async () => {
    const key = { key: 'parallel', limit: 10 };
    const answers = await Promise.all(Array.from({ length: 50 }, () => sut.reserve([key])));
    expect(answers.filter((waitMs) => waitMs === 0)).toHaveLength(10);
    // The refused are told how long until the window ends.
    expect(answers.filter((waitMs) => waitMs > 0 && waitMs <= 900_000)).toHaveLength(40);
  });

  it('counts on every key or on none', async () => {
    const account = { key: 'account', limit: 2 };
    const source = { key: 'source', limit: 3 };
    expect(await reserved([account, source])).toBe(true);
    expect(await reserved([account, source])).toBe(true);
    // The account is used up: nothing is counted, so the source keeps one attempt for another account.
    expect(await reserved([account, source])).toBe(false);
    expect(await reserved([{ key: 'other account', limit: 2 }, source])).toBe(true);
    expect(await reserved([{ key: 'third account', limit: 2 }, source])).toBe(false);
  });

  it('gives attempts back and clears them', async () => {
    const key = { key: 'refunded', limit: 1 };
    expect(await reserved([key])).toBe(true);
    expect(await reserved([key])).toBe(false);
    await sut.refund([key]);
    await sut.refund([key]); // never below zero
    expect(await reserved([key])).toBe(true);
    expect(await reserved([key])).toBe(false);
    await sut.clear([key]);
    expect(await reserved([key])).toBe(true);
  });

  it('forgets attempts after the window, and keeps no readable text of the key in Redis', async () => {
    await sut.reserve([{ key: 'owner@acme.example', limit: 5 }]);
    const stored = (await redis.keys(`${prefix}*`)).map((key) => key.slice(prefix.length));
    expect(stored.join()).not.toContain('acme');
    const ttls = await Promise.all(stored.map((key) => redis.pttl(key)));
    expect(ttls.every((ttl) => ttl > 0 && ttl <= 900_000)).toBe(true);
  });
});
