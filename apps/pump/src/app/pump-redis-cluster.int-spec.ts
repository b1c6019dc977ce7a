import { RedisAnalyticsStream } from '@gatehouse/pump-sinks';
import { createLogger } from '@gatehouse/shared-observability';
import {
  appendAnalyticsEntry,
  sampleAnalyticsRecord,
  StartedTopology,
  startRedisTopology,
  temporaryDirectory,
  uniqueName,
  waitFor,
} from '@gatehouse/shared-testing';
import { Cluster } from 'ioredis';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { pumpConfigSchema } from './pump.config';
import { RunningPump, startPump } from './pump-app';

const silent = createLogger({ name: 'pump', level: 'silent', format: 'json' });

describe('pump on a Redis Cluster (real cluster of three primaries)', () => {
  let topology: StartedTopology;
  const csvDir = temporaryDirectory('gatehouse-pump-cluster-csv-');
  const stream = uniqueName('analytics');
  let nodes: string[];
  let redis: Cluster;
  let pump: RunningPump;

  beforeAll(async () => {
    topology = await startRedisTopology('cluster');
    nodes = topology.addresses;
    redis = new Cluster(nodes.map((node) => ({ host: '127.0.0.1', port: Number(node.split(':')[1]) })));
    await waitFor(() => redis.status === 'ready', { description: 'the test client to join the cluster' });
    pump = await startPump(
      pumpConfigSchema.parse({
        http: { port: 0 },
        redis: { cluster: true, nodes },
        stream: { name: stream, block_ms: 100 },
        pumps: { csv: { type: 'csv', meta: { csv_dir: csvDir } } },
      }),
      silent,
    );
  }, 60_000);

  afterAll(async () => {
    await pump?.close();
    redis?.disconnect();
    await topology?.stop();
  });

  it('reads the analytics stream into its sink', async () => {
    const records = Array.from({ length: 5 }, (_, i) =>
      sampleAnalyticsRecord(`r${i}`, { path: `/cluster-${i}` }),
    );
    await appendAnalyticsEntry(redis, stream, records.slice(0, 2));
    await appendAnalyticsEntry(redis, stream, records.slice(2));
    const written = () =>
      readdirSync(csvDir)
        .map((file) => readFileSync(join(csvDir, file), 'utf8'))
        .join('');
    await waitFor(() => records.every(({ path }) => written().includes(path)), {
      description: 'the five records in the CSV sink',
    });
    const health = (await (await fetch(`${pump.url}/health`)).json()) as { status: string };
    expect(health.status).toBe('pass');
  });

  it('moves an unwritable entry to the dead-letter stream and acknowledges it', async () => {
    const own = uniqueName('dead-letters');
    const sut = new RedisAnalyticsStream(redis.duplicate(), {
      stream: own,
      group: 'sink:spec',
      consumer: 'c',
      deadLetterStream: `${own}:dead`,
    });
    try {
      await sut.ensureGroup();
      await appendAnalyticsEntry(redis, own, [sampleAnalyticsRecord('d1')]);
      const entries = await sut.readNew(10, 0);
      expect(entries).toHaveLength(1);
      await sut.deadLetter(entries, 'sink down');
      expect(await sut.readPending(10)).toEqual([]);
      expect((await sut.readDeadLetters('', 10)).map(({ reason }) => reason)).toEqual(['sink down']);
    } finally {
      await sut.close();
    }
  });
});
