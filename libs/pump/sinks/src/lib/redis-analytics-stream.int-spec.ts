import { connectRedis, duplicateRedis, Redis } from '@gatehouse/shared-redis';
import { stackService, uniqueName } from '@gatehouse/shared-testing';

import { RedisAnalyticsStream } from './redis-analytics-stream';

describe(`${RedisAnalyticsStream.name} (real Redis)`, () => {
  let redis: Redis;
  const opened: RedisAnalyticsStream[] = [];
  const view = (stream: string, group: string) => {
    const sut = new RedisAnalyticsStream(duplicateRedis(redis, { enableOfflineQueue: true }), {
      stream,
      group,
      consumer: 'c',
      deadLetterStream: `${stream}:dead`,
    });
    opened.push(sut);
    return sut;
  };

  beforeAll(async () => {
    redis = await connectRedis({ url: stackService('redis'), connectionName: 'stream-spec' }, 5000);
  });

  afterAll(async () => {
    await Promise.all(opened.map((sut) => sut.close()));
    redis.disconnect();
  });

  it('trims only entries every group has acknowledged', async () => {
    const stream = uniqueName('trim');
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) ids.push((await redis.xadd(stream, '*', 'n', '1')) as string);
    const fast = view(stream, 'fast');
    const slow = view(stream, 'slow');
    expect(await fast.trimAcknowledged()).toBe(0);
    await fast.ensureGroup();
    await slow.ensureGroup();
    // fast has read and acknowledged 4; slow has read 3 and acknowledged only the first.
    await fast.ack((await fast.readNew(4, 0)).map((entry) => entry.id));
    expect(await slow.readNew(3, 0)).toHaveLength(3);
    await slow.ack([ids[0]]);
    expect(await fast.trimAcknowledged()).toBe(1);
    expect((await redis.xrange(stream, '-', '+')).map(([id]) => id)).toEqual(ids.slice(1));
    await slow.ack([ids[1], ids[2]]);
    expect(await slow.trimAcknowledged()).toBe(2);
    // Entry 4 was never delivered to slow, entry 5 to nobody: both stay.
    expect((await redis.xrange(stream, '-', '+')).map(([id]) => id)).toEqual(ids.slice(3));
    expect(await slow.lag()).toBe(2);
    await redis.del(stream);
  });

  it("keeps each group's dead letters with the entry's id and fields, pages through them and deletes them", async () => {
    const stream = uniqueName('dead');
    for (let index = 0; index < 5; index++) await redis.xadd(stream, '*', 'n', String(index));
    const mine = view(stream, 'mine');
    const other = view(stream, 'other');
    await mine.ensureGroup();
    await other.ensureGroup();
    const entries = await mine.readNew(5, 0);
    await other.deadLetter(await other.readNew(2, 0), 'not mine');
    await mine.deadLetter(entries.slice(0, 3), 'disk on fire');
    await mine.ack(entries.slice(3).map((entry) => entry.id));
    expect(await mine.readPending(10)).toEqual([]);

    const firstPage = await mine.readDeadLetters('', 2);
    expect(firstPage.map((letter) => letter.entry)).toEqual(entries.slice(0, 2));
    expect(firstPage[0].reason).toBe('disk on fire');
    const secondPage = await mine.readDeadLetters(firstPage[1].id, 2);
    expect(secondPage.map((letter) => letter.entry)).toEqual(entries.slice(2, 3));
    await mine.removeDeadLetters(firstPage.map((letter) => letter.id));
    expect((await mine.readDeadLetters('', 10)).map((letter) => letter.entry.id)).toEqual([entries[2].id]);
    expect((await other.readDeadLetters('', 10)).map((letter) => letter.reason)).toEqual([
      'not mine',
      'not mine',
    ]);
    await redis.del(stream, `${stream}:dead`);
  });
});
