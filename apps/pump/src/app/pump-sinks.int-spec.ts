import { connectRedis, Redis } from '@gatehouse/shared-keyspace';
import { createLogger } from '@gatehouse/shared-observability';
import { stackService, uniqueName, waitFor } from '@gatehouse/shared-testing';
import { ANALYTICS_BATCH_FIELDS } from '@gatehouse/shared-tyk-compat';
import { MongoClient } from 'mongodb';

import { replayDeadLetters } from './dead-letter-replay';
import { pumpConfigSchema } from './pump.config';
import { RunningPump, startPump } from './pump-app';

const silent = createLogger({ name: 'pump', level: 'silent', format: 'json' });

const record = (id: string, code = 200) => ({
  id,
  timestamp: Date.now(),
  method: 'GET',
  host: 'example.test',
  path: '/orders',
  raw_path: '/orders',
  content_length: 0,
  user_agent: 'spec',
  response_code: code,
  api_key: '',
  api_version: 'Default',
  api_name: 'Orders',
  api_id: 'orders',
  org_id: 'acme',
  ip_address: '127.0.0.1',
  latency: { total: 5, upstream: 4 },
  tags: [],
});

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
      stream: { name: stream, block_ms: 100 },
      pumps: {
        raw: { type: 'mongo', meta: mongoMeta, filters: { skip_response_codes: [404] } },
        aggregate: { type: 'mongo-pump-aggregate', meta: mongoMeta },
      },
      ...extra,
    });
  const append = (records: object[]) =>
    redis.xadd(
      stream,
      '*',
      ANALYTICS_BATCH_FIELDS.count,
      records.length,
      ANALYTICS_BATCH_FIELDS.records,
      JSON.stringify(records),
    );
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

  it('names a bad sink setting at boot', () => {
    const parsed = pumpConfigSchema.safeParse({
      redis: { url: stackService('redis') },
      pumps: { raw: { type: 'mongo', meta: { mongo_url: 'http://nope' } }, k: { type: 'kafka', meta: {} } },
    });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'pumps.k.meta.broker',
      'pumps.raw.meta.mongo_url',
    ]);
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
