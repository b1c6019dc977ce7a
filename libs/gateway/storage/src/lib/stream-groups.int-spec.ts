import { connectRedis, Redis } from '@gatehouse/shared-redis';
import { stackService, uniqueName, waitFor } from '@gatehouse/shared-testing';

import { ConnectionSlots } from './connection-slots';
import { RegionLease } from './region-lease';
import { StreamGroupReader } from './stream-group.reader';
import { StreamMessage, StreamMessageLog } from './stream-message.log';
import { StreamTail } from './stream-tail';

const prefix = `${uniqueName('gw')}:`;
const connect = (connectionName: string) =>
  connectRedis({ url: stackService('redis'), connectionName, keyPrefix: prefix }, 5000);
const retention = { maxMessages: 1000, maxAgeMs: 3_600_000 };

describe('stream tail, consumer groups and leases (real Redis)', () => {
  let redis: Redis;

  beforeAll(async () => {
    redis = await connect('stream-groups-spec');
  });

  afterAll(() => redis.disconnect());

  it('tails many logs on one connection, and a log followed later joins without waiting for the blocked read', async () => {
    const tail = new StreamTail(redis, { blockMs: 10_000 });
    const first = new StreamMessageLog(redis, uniqueName('tail-a'), retention);
    const second = new StreamMessageLog(redis, uniqueName('tail-b'), retention);
    const seen: Record<string, StreamMessage[]> = { a: [], b: [] };
    await tail.follow(first.key, (messages) => seen['a'].push(...messages));
    await first.append('a1');
    await waitFor(() => seen['a'].length === 1, { description: 'the first log read' });
    // The read now blocks for 10 s on the first log alone; following the second must interrupt it.
    const startedAt = Date.now();
    await tail.follow(second.key, (messages) => seen['b'].push(...messages));
    await second.append('b1');
    await waitFor(() => seen['b'].length === 1, { timeoutMs: 3000, description: 'the second log read' });
    expect(Date.now() - startedAt).toBeLessThan(3000);
    expect(seen['b'][0].content).toBe('b1');
    await tail.close();
  });

  it('gives each message of a group to one consumer, and a message left unacknowledged to another later', async () => {
    const log = new StreamMessageLog(redis, uniqueName('group'), retention);
    const one = new StreamGroupReader(redis, log.key, 'out.0.kafka', 'node-1');
    const two = new StreamGroupReader(redis, log.key, 'out.0.kafka', 'node-2');
    await one.read(10, 60_000);
    for (let n = 0; n < 4; n++) await log.append(`m${n}`);
    const toOne = await one.read(2, 60_000);
    const toTwo = await two.read(10, 60_000);
    expect([...toOne, ...toTwo].map((message) => message.content).sort()).toEqual(['m0', 'm1', 'm2', 'm3']);
    await two.ack(toTwo.map((message) => message.id));
    // node-1 "dies" holding two messages; node-2 claims them once they have been idle long enough.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const claimed = await two.read(10, 50);
    expect(claimed.map((message) => message.content)).toEqual(toOne.map((message) => message.content));
    await two.deadLetter(claimed[0], 'webhook answered 500');
    await two.ack([claimed[1].id]);
    expect(await two.read(10, 0)).toEqual([]);
    const dead = await redis.xrange(`${log.key}:dead:out.0.kafka`, '-', '+');
    expect(dead).toHaveLength(1);
    expect(dead[0][1]).toEqual(expect.arrayContaining(['reason', 'webhook answered 500']));
    expect(await two.lag()).toBe(0);
  });

  it('lets one holder at a time take a lease, and another take it once it expires', async () => {
    const key = uniqueName('lease');
    const first = new RegionLease(redis, key, 'node-1', 200);
    const second = new RegionLease(redis, key, 'node-2', 200);
    expect(await first.acquire()).toBe(true);
    expect(await second.acquire()).toBe(false);
    expect(await first.acquire()).toBe(true);
    await waitFor(() => second.acquire(), { timeoutMs: 2000, description: 'the lease to pass on' });
    expect(await first.acquire()).toBe(false);
    await second.release();
    expect(await first.acquire()).toBe(true);
  });

  it('holds connection slots across the region up to a limit; slots not renewed lapse', async () => {
    const key = uniqueName('slots');
    const slots = new ConnectionSlots(redis, 200);
    expect(await slots.take(key, 'gw-1:1', 2)).toBe(true);
    expect(await slots.take(key, 'gw-2:1', 2)).toBe(true);
    expect(await slots.take(key, 'gw-2:2', 2)).toBe(false);
    await slots.release(key, 'gw-2:1');
    expect(await slots.take(key, 'gw-2:2', 2)).toBe(true);
    // gw-2 keeps renewing; gw-1 "dies": its slot lapses and the place is free again.
    await new Promise((resolve) => setTimeout(resolve, 120));
    await slots.renew([[key, 'gw-2:2']]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await slots.take(key, 'gw-3:1', 2)).toBe(true);
    expect(await slots.take(key, 'gw-3:2', 2)).toBe(false);
  });
});
