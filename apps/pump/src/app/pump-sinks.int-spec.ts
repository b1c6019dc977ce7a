import { connectRedis, Redis } from '@gatehouse/shared-redis';
import { createLogger } from '@gatehouse/shared-observability';
import {
  appendAnalyticsEntry,
  sampleAnalyticsRecord,
  stackService,
  uniqueName,
  waitFor,
} from '@gatehouse/shared-testing';
import type { AnalyticsRecord } from '@gatehouse/shared-tyk-compat';
import { MongoClient } from 'mongodb';

import { replayDeadLetters } from './dead-letter-replay';
import { pumpConfigSchema } from './pump.config';
import { RunningPump, startPump } from './pump-app';

const silent = createLogger({ name: 'pump', level: 'silent', format: 'json' });

const record = (id: string, code = 200) =>
  sampleAnalyticsRecord(id, { timestamp: Date.now(), response_code: code, api_key: '' });

describe('pump with configured sinks (real Redis and MongoDB-compatible server)', () => {
  const stream = uniqueName('analytics');
  const database = uniqueName('pump');
  let redis: Redis;
  let mongo: MongoClient;
  let pump: RunningPump | undefined;
  const mongoMeta = { mongo_url: stackService('mongo'), mongo_database: database };
  const config = (extra: object = {}) =>
    pumpConfigSchema.parse({
      http: { port: 0 },
      redis: { url: stackService('redis') },
      stream: { name: stream, block_ms: 100, trim_interval_ms: 200 },
      pumps: {
        raw: { type: 'mongo', meta: mongoMeta, filters: { skip_response_codes: [404] } },
        aggregate: { type: 'mongo-pump-aggregate', meta: mongoMeta },
      },
      ...extra,
    });
  const append = (records: AnalyticsRecord[]) => appendAnalyticsEntry(redis, stream, records);
  const raw = () => mongo.db(database).collection('tyk_analytics');

  beforeAll(async () => {
    redis = await connectRedis({ url: stackService('redis'), connectionName: 'pump-spec' }, 5000);
    mongo = await new MongoClient(stackService('mongo')).connect();
  });

  afterAll(async () => {
    await pump?.close();
    await redis.del(stream, `${stream}:dead`);
    redis.disconnect();
    await mongo.db(database).dropDatabase();
    await mongo.close();
  });

  it("exposes a prometheus sink's Tyk series on the pump's own /metrics", async () => {
    const ownStream = uniqueName('analytics');
    pump = await startPump(
      config({
        stream: { name: ownStream, block_ms: 100 },
        pumps: { prom: { type: 'prometheus', meta: { track_all_paths: true } } },
      }),
      silent,
    );
    try {
      await appendAnalyticsEntry(redis, ownStream, [record('p1'), record('p2', 503)]);
      const url = pump.url;
      const metrics = await waitFor(
        async () => {
          const text = await (await fetch(`${url}/metrics`)).text();
          return text.includes('tyk_http_status{code="503"') && text;
        },
        { description: 'Tyk series on /metrics' },
      );
      expect(metrics).toMatch(/tyk_http_status\{code="200",api="orders"[^}]*\} 1\n/);
      expect(metrics).toMatch(
        /tyk_http_status_per_path\{code="503",api="orders",path="\/orders",method="GET"[^}]*\} 1\n/,
      );
    } finally {
      await pump.close();
      pump = undefined;
      await redis.del(ownStream);
    }
  });

  it('drains the stream into every sink through its own consumer group, applying each sink’s filters', async () => {
    pump = await startPump(config(), silent);
    await append([record('a1'), record('a2', 404)]);
    await append([record('a3', 500)]);
    await waitFor(async () => (await raw().countDocuments()) === 2, { description: 'two raw records' });
    await waitFor(
      async () => {
        const partials = await mongo
          .db(database)
          .collection('gatehouse_analytics_aggregates')
          .find({ dimension: 'api', granularity: 'minute' })
          .toArray();
        return partials.reduce((sum, partial) => sum + (partial['hits'] as number), 0) === 3;
      },
      { description: 'three hits in the aggregates' },
    );
    expect((await raw().find().toArray()).map((document) => document['_id']).sort()).toEqual(['a1', 'a3']);
    const metrics = await (await fetch(`${pump.url}/metrics`)).text();
    expect(metrics).toMatch(/gatehouse_pump_records_out_total\{sink="raw"[^}]*\} 2\n/);
    expect(metrics).toMatch(/gatehouse_pump_records_filtered_total\{sink="raw"[^}]*\} 1\n/);
    expect(metrics).toMatch(/gatehouse_pump_records_out_total\{sink="aggregate"[^}]*\} 3\n/);
    expect(metrics).toMatch(/gatehouse_pump_lag_entries\{sink="raw"[^}]*\} 0\n/);
    // Every sink has acknowledged both entries, so the pump deletes them from the stream.
    await waitFor(async () => (await redis.xlen(stream)) === 0, { description: 'the stream trimmed' });
    await pump.close();
    pump = undefined;
  });

  it('replays a dead letter into the sink that failed it, once', async () => {
    const records = [record('dl1'), record('dl2')];
    await redis.xadd(
      `${stream}:dead`,
      '*',
      'n',
      2,
      'r',
      JSON.stringify(records),
      'sink',
      'sink:raw',
      'error',
      'boom',
      'entry',
      '1-1',
    );
    await redis.xadd(
      `${stream}:dead`,
      '*',
      'n',
      1,
      'r',
      JSON.stringify([record('other')]),
      'sink',
      'sink:elsewhere',
      'error',
      'x',
      'entry',
      '1-2',
    );
    expect(await replayDeadLetters(config(), silent, 'raw')).toBe(1);
    expect(await raw().countDocuments({ _id: { $in: ['dl1', 'dl2'] } as never })).toBe(2);
    expect(await replayDeadLetters(config(), silent, 'raw')).toBe(0);
    expect(await redis.xlen(`${stream}:dead`)).toBe(1);
  });
});
