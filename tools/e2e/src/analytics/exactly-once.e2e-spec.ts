import { connectRedis, Redis } from '@gatehouse/shared-redis';
import { stackService, uniqueName, waitFor } from '@gatehouse/shared-testing';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';

import { keylessApi } from '../multi-region/control-plane-client';
import { Topology } from '../multi-region/topology';
import { untilEvery } from '../multi-region/traffic';
import { pumpSeries, RunningPump, startCentralPump, startRegionalPump } from './pumps';

/** A gateway's counter from its `/metrics`. */
async function gatewayCounter(url: string, series: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(new RegExp(`^${series}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
}

/** Sends `count` requests through each gateway, in parallel per gateway. */
async function traffic(topology: Topology, count: number): Promise<void> {
  await Promise.all(
    topology.allGateways().map(async (gateway) => {
      for (let index = 0; index < count; index++) {
        const response = await fetch(`${gateway.url}/counted/${index}`);
        if (response.status !== 200) throw new Error(`${gateway.nodeId} answered ${response.status}`);
        await response.arrayBuffer();
      }
    }),
  );
}

/** Fault tests 1, 2 and 4 of the analytics pipeline: gateways → regional pumps → bridges → central pump. */
describe('analytics: every request counted once (real processes on loopback)', () => {
  const topology = new Topology();
  const kafkaTopic = uniqueName('analytics');
  const pumps: Record<string, RunningPump> = {};
  let mongo: MongoClient;
  /** The control plane's Redis and each region's, whose analytics streams the pumps drain and trim. */
  let redises: { redis: Redis; stream: string }[] = [];
  let expected = 0;

  const rawCount = () =>
    mongo.db(topology.database).collection('tyk_analytics').countDocuments({ api_id: 'counted' });
  const aggregatedHits = async (dimension: string) => {
    const partials = await mongo
      .db(topology.database)
      .collection('gatehouse_analytics_aggregates')
      .find({ dimension, granularity: 'minute', apiId: 'counted' })
      .toArray();
    const totals: Record<string, number> = {};
    for (const partial of partials)
      totals[partial['value'] as string] =
        (totals[partial['value'] as string] ?? 0) + (partial['hits'] as number);
    return totals;
  };
  /**
   * Every stream entry delivered to every sink and trimmed, in both regions and on the control plane:
   * nothing is left that could still arrive (or arrive twice).
   */
  const pipelineIdle = () =>
    waitFor(
      async () => {
        const lengths = await Promise.all(redises.map(({ redis, stream }) => redis.xlen(stream)));
        return lengths.every((length) => length === 0);
      },
      { description: 'every analytics stream drained and trimmed', timeoutMs: 30_000, intervalMs: 200 },
    );
  const everythingArrived = async () => {
    try {
      await waitFor(async () => (await rawCount()) === expected, {
        description: `${expected} raw records`,
        timeoutMs: 45_000,
        intervalMs: 200,
      });
    } catch (error) {
      const logs = Object.entries(pumps).map(
        ([name, pump]) => `--- pump ${name} ---\n${pump.process.output().slice(-3000)}`,
      );
      throw new Error(`${(error as Error).message} (have ${await rawCount()})\n${logs.join('\n')}`);
    }
  };

  beforeAll(async () => {
    try {
      await topology.start();
      mongo = await new MongoClient(stackService('mongo')).connect();
      const connect = async (url: string, stream: string) => ({
        redis: await connectRedis({ url, connectionName: 'exactly-once-spec' }, 5000),
        stream,
      });
      redises = [
        await connect(stackService('redis'), topology.analyticsStream),
        await connect(topology.regions.eu.redisUrl, topology.regionalAnalyticsStream),
        await connect(topology.regions.us.redisUrl, topology.regionalAnalyticsStream),
      ];
      await topology.control.must('POST', '/apis', keylessApi('counted', topology.upstreamUrl));
      await untilEvery(topology.allGateways(), '/counted/warm-up', 200);
      // The warm-up requests are counted too.
      expected = topology.allGateways().length;
      pumps['eu'] = await startRegionalPump(topology, 'eu');
      pumps['us'] = await startRegionalPump(topology, 'us');
      pumps['central'] = await startCentralPump(topology, kafkaTopic);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${topology.output()}`);
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(pumps).map((pump) => pump.process.stop('SIGKILL')));
    await topology.stop();
    for (const { redis } of redises) redis.disconnect();
    await mongo?.db(topology.database).dropDatabase();
    await mongo?.close();
  });

  jest.setTimeout(90_000);

  it('holds exactly as many raw records as requests through two regions, and the aggregates sum to it', async () => {
    await traffic(topology, 100);
    expected += 300;
    await everythingArrived();
    await waitFor(async () => (await aggregatedHits('api'))['counted'] === expected, {
      description: 'aggregates summing to the requests',
      timeoutMs: 30_000,
    });
    const regions = await aggregatedHits('region');
    expect(regions).toEqual({ eu: 2 + 200, us: 1 + 100 });
    const series = await topology.control.must<{ series: { hits: number }[] }>(
      'GET',
      '/analytics/requests?granularity=minute&api=counted',
    );
    expect(series.series.reduce((sum, point) => sum + point.hits, 0)).toBe(expected);
  });

  it('still holds exactly that many after the central pump is SIGKILLed mid-batch and restarted', async () => {
    const sending = traffic(topology, 100);
    // Killed once it is writing this traffic.
    await waitFor(async () => (await rawCount()) > expected, {
      description: 'the central pump writing the new requests',
      intervalMs: 20,
    });
    await pumps['central'].process.stop('SIGKILL');
    await sending;
    expected += 300;
    pumps['central'] = await startCentralPump(topology, kafkaTopic);
    await everythingArrived();
    await waitFor(async () => (await aggregatedHits('api'))['counted'] === expected, {
      description: 'aggregates still summing to the requests',
      timeoutMs: 30_000,
    });
  });

  it('delivers every record exactly once after region eu was partitioned from the bridges', async () => {
    const before = expected;
    const retriesBefore = await pumpSeries(
      pumps['eu'],
      'gatehouse_pump_write_retries_total',
      'control_plane',
    );
    topology.partition('eu');
    try {
      await traffic(topology, 50);
      expected += 150;
      // Region us's 50 arrive; region eu's pump fails to reach a bridge and keeps its 100.
      await waitFor(
        async () =>
          (await pumpSeries(pumps['eu'], 'gatehouse_pump_write_retries_total', 'control_plane')) >
            retriesBefore && (await rawCount()) >= before + 50,
        { description: "region us's records, and region eu's pump retrying", timeoutMs: 30_000 },
      );
      expect(await rawCount()).toBe(before + 50);
    } finally {
      topology.heal('eu');
    }
    await everythingArrived();
    await pipelineIdle();
    expect(await rawCount()).toBe(expected);
  });

  it('drops only what does not fit under a low stream cap during a partition, and counts exactly that', async () => {
    const capped = await topology.startGateway('eu', 'eu-capped', {
      GATEHOUSE_GATEWAY_ANALYTICS_STREAM_MAX_LENGTH: '3',
      GATEHOUSE_GATEWAY_ANALYTICS_STREAM_BATCH_SIZE: '10',
    });
    await untilEvery([capped], '/counted/warm-up', 200);
    const before = await rawCount();
    topology.partition('eu');
    let sent = 1;
    try {
      for (let index = 0; index < 150; index++) {
        await (await fetch(`${capped.url}/counted/capped-${index}`)).arrayBuffer();
        sent++;
      }
      // Healed only once the gateway has flushed every record: into the capped stream, or dropped.
      await waitFor(
        async () =>
          (await gatewayCounter(capped.url, 'gatehouse_gateway_analytics_written_total')) +
            (await gatewayCounter(capped.url, 'gatehouse_gateway_analytics_dropped_total')) >=
          sent,
        { description: 'the capped gateway to flush every record' },
      );
    } finally {
      topology.heal('eu');
    }
    const dropped = await gatewayCounter(capped.url, 'gatehouse_gateway_analytics_dropped_total');
    expect(dropped).toBeGreaterThan(0);
    expected = before + sent - dropped;
    await everythingArrived();
    await pipelineIdle();
    expect((await rawCount()) - before).toBe(sent - dropped);
  });

  it('has every record in the Kafka topic', async () => {
    const consumer = new Kafka({
      clientId: 'e2e-reader',
      brokers: [stackService('kafka')],
      logLevel: logLevel.NOTHING,
    }).consumer({
      groupId: `${kafkaTopic}-reader`,
    });
    const ids = new Set<string>();
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: kafkaTopic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) =>
          void ids.add((JSON.parse(String(message.value)) as { id: string }).id),
      });
      await waitFor(() => ids.size >= expected, {
        description: `${expected} distinct records in Kafka`,
        timeoutMs: 60_000,
      });
    } finally {
      await consumer.disconnect();
    }
    expect(ids.size).toBe(expected);
  }, 90_000);
});
