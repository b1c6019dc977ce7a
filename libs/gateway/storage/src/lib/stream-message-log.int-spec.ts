import { connectRedis, Redis } from '@gatehouse/shared-redis';
import { stackService, uniqueName } from '@gatehouse/shared-testing';

import { isStreamId, StreamMessageLog } from './stream-message.log';

/** Clients of one test key space: the blocking read needs a second connection to write on. */
const prefix = `${uniqueName('gw')}:`;
const connect = (connectionName: string) =>
  connectRedis({ url: stackService('redis'), connectionName, keyPrefix: prefix }, 5000);

describe(`${StreamMessageLog.name} (real Redis)`, () => {
  let redis: Redis;

  beforeAll(async () => {
    redis = await connect('stream-log-spec');
  });

  afterAll(() => redis.disconnect());

  const log = (maxMessages = 1000, maxAgeMs = 3_600_000) =>
    new StreamMessageLog(redis, uniqueName('stream'), { maxMessages, maxAgeMs });

  it('appends messages with their metadata, and a second reader on the same key sees every one in order', async () => {
    const writer = log();
    const reader = new StreamMessageLog(redis, writer.key, { maxMessages: 1000, maxAgeMs: 3_600_000 });
    const ids = [];
    for (let i = 0; i < 5; i++)
      ids.push(await writer.append(JSON.stringify({ n: i }), { kafka_key: `k${i}` }));
    const { messages: read } = await reader.resume('0-0', 100);
    expect(read.map((message) => message.id)).toEqual(ids);
    expect(read[2]).toEqual({ id: ids[2], content: '{"n":2}', meta: { kafka_key: 'k2' } });
  });

  it('reads an entry written without a field as empty, never as the name of another field', async () => {
    const sut = log();
    await redis.xadd(sut.key, '*', 'm', '{"k":"v"}');
    expect((await sut.resume('0-0', 10)).messages).toEqual([
      { id: expect.any(String), content: '', meta: { k: 'v' } },
    ]);
  });

  it('resumes after the last id seen, and says so when retention trimmed what the consumer missed', async () => {
    const sut = log(5);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await sut.append(`m${i}`))!);
    expect(await sut.resume(ids[0], 100)).toEqual({
      messages: [expect.objectContaining({ content: 'm1' }), expect.objectContaining({ content: 'm2' })],
      truncated: false,
    });
    // Approximate trimming removes whole nodes only; a stream of 300 with MAXLEN ~ 5 surely drops m1.
    for (let i = 3; i < 300; i++) await sut.append(`m${i}`);
    const resumed = await sut.resume(ids[1], 1000);
    expect(resumed.truncated).toBe(true);
    expect(resumed.messages.length).toBeLessThan(298);
    expect(resumed.messages.at(-1)?.content).toBe('m299');
    expect(await sut.resume(resumed.messages.at(-1)!.id, 10)).toEqual({ messages: [], truncated: false });
  });

  it('drops messages older than the retention age', async () => {
    const sut = log(100_000, 1);
    for (let i = 0; i < 300; i++) await sut.append(`old${i}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await sut.append('new');
    expect(await redis.xlen(sut.key)).toBeLessThan(300);
  });

  it('accepts only stream ids as a resume point', () => {
    expect(isStreamId('1733497200000-0')).toBe(true);
    for (const bad of ['', '$', '+', '1-2-3', '1733497200000', "0-0' OR 1", '9'.repeat(30) + '-0'])
      expect(isStreamId(bad)).toBe(false);
  });

  it('appends a message from an ordered source once: a redelivery at or before the last position is skipped', async () => {
    const sut = log();
    const partition = { source: 'orders:0', sequence: 7 };
    expect(await sut.append('first', {}, partition)).toEqual(expect.any(String));
    expect(await sut.append('first again', {}, partition)).toBeUndefined();
    expect(await sut.append('older', {}, { source: 'orders:0', sequence: 6 })).toBeUndefined();
    expect(await sut.append('other partition', {}, { source: 'orders:1', sequence: 0 })).toEqual(
      expect.any(String),
    );
    expect(await sut.append('next', {}, { source: 'orders:0', sequence: 8 })).toEqual(expect.any(String));
    const { messages: read } = await sut.resume('0-0', 10);
    expect(read.map((message) => message.content)).toEqual(['first', 'other partition', 'next']);
  });
});
