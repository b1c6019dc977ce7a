import { AnalyticsBatch, NO_FILTERS, Sink, SinkRunner, SinkRunnerMetrics } from '@gatehouse/pump-core';
import { connectMongo, MongoConnection } from '@gatehouse/shared-control-plane-db';
import type { PartialAggregate } from '@gatehouse/shared-kernel';
import { connectRedis, duplicateRedis, Redis } from '@gatehouse/shared-redis';
import {
  appendAnalyticsEntry,
  sampleAnalyticsRecord,
  stackService,
  uniqueName,
  waitFor,
} from '@gatehouse/shared-testing';
import type { AnalyticsRecord } from '@gatehouse/shared-tyk-compat';
import { Kafka, logLevel } from 'kafkajs';

import { KafkaSink } from './kafka.sink';
import { MongoAggregateSink } from './mongo-aggregate.sink';
import { MongoSink } from './mongo.sink';
import { RedisAnalyticsStream } from './redis-analytics-stream';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The sinks' specs use fixed times: the aggregate buckets asserted below depend on them. */
const record = sampleAnalyticsRecord;

function countingMetrics(): SinkRunnerMetrics & { out: number; dead: number; retries: number } {
  const counts = { out: 0, dead: 0, retries: 0 };
  return Object.assign(counts, {
    recordsIn: () => undefined,
    recordsOut: (count: number) => (counts.out += count),
    filtered: () => undefined,
    retried: () => counts.retries++,
    deadLettered: (count: number) => (counts.dead += count),
  });
}

describe('pump sinks and runner (real Redis, MongoDB-compatible server, Kafka)', () => {
  let redis: Redis;
  let mongo: MongoConnection;
  const stream = uniqueName('analytics');

  const opened: RedisAnalyticsStream[] = [];
  const streamFor = (group: string, consumer = 'pump-1') => {
    const created = new RedisAnalyticsStream(duplicateRedis(redis, { enableOfflineQueue: true }), {
      stream,
      group,
      consumer,
      deadLetterStream: `${stream}:dead`,
    });
    opened.push(created);
    return created;
  };
  const runner = (
    sink: Sink,
    group: string,
    metrics = countingMetrics(),
    maxAttempts = 3,
    writeTimeoutMs = 30_000,
  ) =>
    new SinkRunner(
      sink,
      streamFor(group),
      {
        entriesPerWrite: 10,
        blockMs: 100,
        claimIdleMs: 60_000,
        maxAttempts,
        backoffMs: 10,
        maxBackoffMs: 20,
        filters: NO_FILTERS,
        shaping: { omitDetailedRecording: false, maxRecordSize: 0 },
        writeTimeoutMs,
      },
      metrics,
      silent,
    );
  const append = (records: AnalyticsRecord[]) => appendAnalyticsEntry(redis, stream, records);

  beforeAll(async () => {
    redis = await connectRedis({ url: stackService('redis'), connectionName: 'pump-spec' }, 5000);
    mongo = await connectMongo({
      url: stackService('mongo'),
      database: uniqueName('pump'),
      appName: 'pump-spec',
    });
    await append([
      record('r1'),
      record('r2', { response_code: 500, latency: { total: 300, upstream: 290 } }),
    ]);
    await append([record('r3', { api_key: '', path: '/health' })]);
  });

  afterAll(async () => {
    await Promise.all(opened.map((created) => created.close()));
    await redis.del(stream, `${stream}:dead`);
    redis.disconnect();
    await mongo.db.dropDatabase();
    await mongo.client.close();
  });

  it('writes each raw record once, even when a batch is delivered twice', async () => {
    const sink = new MongoSink(mongo.db, { collection: 'tyk_analytics', expireAfterSeconds: 3600 });
    await sink.ensureIndexes();
    await mongo.db.collection('tyk_analytics').insertOne({ _id: 'expired' as never, expireAt: new Date(0) });
    expect(await sink.purgeExpired()).toBe(1);
    const metrics = countingMetrics();
    expect(await runner(sink, 'mongo', metrics).drainOnce()).toBe(2);
    expect(metrics.out).toBe(3);
    const batch: AnalyticsBatch = { entryId: '1-0', records: [record('r1')], region: '' };
    await sink.write([batch]);
    const stored = await mongo.db.collection('tyk_analytics').find().sort({ _id: 1 }).toArray();
    expect(stored.map((document) => document['_id'])).toEqual(['r1', 'r2', 'r3']);
    expect(stored[0]).toMatchObject({
      api_id: 'orders',
      org_id: 'acme',
      hour: 12,
      tags: ['key-k1', 'org-acme', 'api-orders'],
    });
    expect(stored[0]['expireAt']).toBeInstanceOf(Date);
  });

  it('aggregates per minute and hour without counting a redelivered batch twice', async () => {
    const sink = new MongoAggregateSink(mongo.db);
    await sink.ensureIndexes();
    await runner(sink, 'aggregate').drainOnce();
    const entries = await redis.xrange(stream, '-', '+');
    const [firstId, firstFields] = entries[0];
    // Redelivery of the first entry, exactly as a restarted pump would see it.
    await sink.write([
      { entryId: firstId, records: JSON.parse(firstFields[3]) as AnalyticsRecord[], region: '' },
    ]);
    // Summed here, not with $group: FerretDB has no $max accumulator.
    const sum = async (dimension: string, granularity: string) => {
      const partials = await mongo.db
        .collection<PartialAggregate>('gatehouse_analytics_aggregates')
        .find({
          dimension: dimension as PartialAggregate['dimension'],
          granularity: granularity as PartialAggregate['granularity'],
        })
        .toArray();
      const rows = new Map<string, { _id: string; hits: number; errors: number; max: number }>();
      for (const partial of partials) {
        const row = rows.get(partial.value) ?? { _id: partial.value, hits: 0, errors: 0, max: 0 };
        row.hits += partial.hits;
        row.errors += partial.errors;
        row.max = Math.max(row.max, partial.latencyMax);
        rows.set(partial.value, row);
      }
      return [...rows.values()].sort((a, b) => a._id.localeCompare(b._id));
    };
    expect(await sum('api', 'minute')).toEqual([{ _id: 'orders', hits: 3, errors: 1, max: 300 }]);
    expect(await sum('api', 'hour')).toEqual([{ _id: 'orders', hits: 3, errors: 1, max: 300 }]);
    expect((await sum('status', 'minute')).map((row) => [row._id, row.hits])).toEqual([
      ['200', 2],
      ['500', 1],
    ]);
    expect((await sum('key', 'minute')).map((row) => [row._id, row.hits])).toEqual([['k1', 2]]);
    expect((await sum('path', 'minute')).map((row) => [row._id, row.hits])).toEqual([
      ['GET /health', 1],
      ['GET /orders', 2],
    ]);
  });

  it('expires each granularity of aggregates after its own retention (TTL index or purge)', async () => {
    const collection = 'aggregates_with_retention';
    const sink = new MongoAggregateSink(mongo.db, { minute: 60, hour: 3 * 3600 }, collection);
    await sink.ensureIndexes();
    const now = Date.now();
    await sink.write([
      { entryId: '9-0', records: [record('old', { timestamp: now - 5 * 3600_000 })], region: '' },
      { entryId: '9-1', records: [record('recent', { timestamp: now - 10 * 60_000 })], region: '' },
    ]);
    const stored = mongo.db.collection<PartialAggregate & { expireAt?: Date }>(collection);
    const api = await stored.find({ dimension: 'api' }).toArray();
    for (const partial of api) {
      const seconds = partial.granularity === 'minute' ? 60 : 3 * 3600;
      expect(partial.expireAt?.getTime()).toBe(partial.bucket.getTime() + seconds * 1000);
    }
    // FerretDB has no TTL indexes, so the pump's purge does it here; MongoDB would do it by itself.
    await sink.purgeExpired();
    const left = await stored.find({ dimension: 'api' }).toArray();
    // Both minutes are past their 60 s; only the recent request's hour is still within its 3 hours.
    expect(left.map((partial) => [partial.granularity, partial.hits])).toEqual([['hour', 1]]);
  });

  it("gives a restarted consumer what it had read but not acknowledged, and takes over a dead consumer's", async () => {
    const written: string[] = [];
    const sink: Sink = {
      name: 'memory',
      write: async (batches) => void written.push(...batches.map((batch) => batch.entryId)),
    };
    const crashed = streamFor('recovery', 'pump-crashed');
    await crashed.ensureGroup();
    expect(await crashed.readNew(10, 0)).toHaveLength(2);
    // The same consumer name after a restart gets its pending entries first.
    const restarted = streamFor('recovery', 'pump-crashed');
    expect((await restarted.readPending(10)).map((entry) => entry.id)).toHaveLength(2);
    // Another pump takes them over once they have been idle long enough.
    const other = streamFor('recovery', 'pump-2');
    const claimed = await waitFor(
      async () => {
        const stale = await other.claimStale(20, 10);
        return stale.length > 0 && stale;
      },
      { description: 'the entries idle for 20 ms, claimed' },
    );
    expect(claimed).toHaveLength(2);
    await other.ack(claimed.map((entry) => entry.id));
    expect(await restarted.readPending(10)).toEqual([]);
    await Promise.all([crashed.close(), restarted.close(), other.close()]);
    expect(written).toEqual([]);
    await runner(sink, 'recovery').drainOnce();
    expect(written).toEqual([]);
  });

  it('dead-letters a batch the sink keeps refusing, with the error, and acknowledges it', async () => {
    const failing: Sink = { name: 'broken', write: async () => Promise.reject(new Error('disk on fire')) };
    const metrics = countingMetrics();
    await runner(failing, 'broken', metrics, 2).drainOnce();
    // One write carries both entries: it is tried twice (one retry), then both are dead-lettered.
    expect(metrics).toMatchObject({ dead: 2, retries: 1, out: 0 });
    const dead = await redis.xrange(`${stream}:dead`, '-', '+');
    expect(dead.map(([, fields]) => Object.fromEntries(fieldPairs(fields)))).toEqual([
      expect.objectContaining({ sink: 'broken', error: 'disk on fire', n: '2' }),
      expect.objectContaining({ sink: 'broken', error: 'disk on fire', n: '1' }),
    ]);
    expect(await streamFor('broken').readPending(10)).toEqual([]);
  });

  it('counts a write that outlives the timeout as failed, and retries it', async () => {
    let calls = 0;
    const slowOnce: Sink = {
      name: 'slow',
      write: () =>
        ++calls === 1 ? new Promise<void>((resolve) => setTimeout(resolve, 500)) : Promise.resolve(),
    };
    const metrics = countingMetrics();
    await runner(slowOnce, 'slow', metrics, 3, 50).drainOnce();
    expect(calls).toBe(2);
    expect(metrics).toMatchObject({ retries: 1, out: 3, dead: 0 });
  });

  it('sends records to a Kafka topic keyed by API id', async () => {
    const topic = uniqueName('analytics');
    const brokers = [stackService('kafka')];
    const sink = new KafkaSink({ brokers, topic, clientId: 'pump-spec', timeoutMs: 10_000 });
    await runner(sink, 'kafka').drainOnce();
    await sink.close();
    const consumer = new Kafka({
      clientId: 'pump-spec-reader',
      brokers,
      logLevel: logLevel.NOTHING,
    }).consumer({
      groupId: `${topic}-reader`,
    });
    const received: { key: string; id: string }[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) =>
          void received.push({
            key: String(message.key),
            id: (JSON.parse(String(message.value)) as { id: string }).id,
          }),
      });
      await waitFor(() => received.length >= 3, { description: 'three records in Kafka', timeoutMs: 30_000 });
    } finally {
      await consumer.disconnect();
    }
    expect(received.map((message) => message.id).sort()).toEqual(['r1', 'r2', 'r3']);
    expect(new Set(received.map((message) => message.key))).toEqual(new Set(['orders']));
  }, 60_000);

  it('splits a write larger than the broker accepts in one request (1 MB by default)', async () => {
    const sink = new KafkaSink({
      brokers: [stackService('kafka')],
      topic: uniqueName('big'),
      clientId: 'pump-spec',
      timeoutMs: 10_000,
    });
    const big = Array.from({ length: 800 }, (_, index) =>
      record(`big-${index}`, { user_agent: 'x'.repeat(2000) }),
    );
    try {
      await expect(sink.write([{ entryId: '9-0', records: big, region: '' }])).resolves.toBeUndefined();
    } finally {
      await sink.close();
    }
  }, 60_000);
});

function fieldPairs(fields: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) pairs.push([fields[index], fields[index + 1]]);
  return pairs;
}
