import { freePort, stackService, uniqueName } from '@gatehouse/shared-testing';

import { connectRedis, createRedisClient, redisProbe } from './redis-client';

describe('Redis client (real Redis)', () => {
  it('connects, isolates keys by prefix and passes the probe', async () => {
    const prefix = `${uniqueName('keyspace')}:`;
    const sut = await connectRedis(
      { url: stackService('redis'), connectionName: 'spec', keyPrefix: prefix },
      5000,
    );
    const raw = await connectRedis({ url: stackService('redis'), connectionName: 'spec-raw' }, 5000);
    try {
      await sut.set('k', 'v', 'EX', 60);
      expect(await raw.get(`${prefix}k`)).toBe('v');
      expect(await raw.get('k')).toBeNull();
      await expect(redisProbe(sut).probe()).resolves.toBeUndefined();
    } finally {
      sut.disconnect();
      raw.disconnect();
    }
  });

  it('gives up after the startup timeout when Redis is unreachable', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    await expect(connectRedis({ url, connectionName: 'spec' }, 300)).rejects.toThrow(
      'redis not ready after 300 ms',
    );
  });

  it('fails the probe fast while disconnected instead of queueing', async () => {
    const sut = createRedisClient({ url: `redis://127.0.0.1:${await freePort()}`, connectionName: 'spec' });
    sut.on('error', () => undefined);
    try {
      await expect(redisProbe(sut).probe()).rejects.toThrow();
    } finally {
      sut.disconnect();
    }
  });
});
