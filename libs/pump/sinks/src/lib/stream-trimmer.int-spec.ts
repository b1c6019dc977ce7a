import { connectRedis, Redis } from '@gatehouse/shared-redis';
import { stackService, uniqueName } from '@gatehouse/shared-testing';

import { StreamTrimmer } from './stream-trimmer';

describe(`${StreamTrimmer.name} (real Redis)`, () => {
  let redis: Redis;

  beforeAll(async () => {
    redis = await connectRedis({ url: stackService('redis'), connectionName: 'trim-spec' }, 5000);
  });

  afterAll(() => redis.disconnect());

  it('deletes only entries every group has acknowledged', async () => {
    const stream = uniqueName('trim');
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) ids.push((await redis.xadd(stream, '*', 'n', '1')) as string);
    const sut = new StreamTrimmer(redis, stream);
    expect(await sut.trimAcknowledged()).toBe(0);
    await redis.xgroup('CREATE', stream, 'fast', '0');
    await redis.xgroup('CREATE', stream, 'slow', '0');
    // fast has read and acknowledged 4; slow has read 3 and acknowledged only the first.
    await redis.xreadgroup('GROUP', 'fast', 'c', 'COUNT', 4, 'STREAMS', stream, '>');
    await redis.xack(stream, 'fast', ...ids.slice(0, 4));
    await redis.xreadgroup('GROUP', 'slow', 'c', 'COUNT', 3, 'STREAMS', stream, '>');
    await redis.xack(stream, 'slow', ids[0]);
    expect(await sut.trimAcknowledged()).toBe(1);
    expect((await redis.xrange(stream, '-', '+')).map(([id]) => id)).toEqual(ids.slice(1));
    await redis.xack(stream, 'slow', ids[1], ids[2]);
    expect(await sut.trimAcknowledged()).toBe(2);
    // Entry 4 was never delivered to slow, entry 5 to nobody: both stay.
    expect((await redis.xrange(stream, '-', '+')).map(([id]) => id)).toEqual(ids.slice(3));
    await redis.del(stream);
  });
});
