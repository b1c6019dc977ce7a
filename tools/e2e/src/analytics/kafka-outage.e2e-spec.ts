import { connectRedis, Redis } from '@gatehouse/shared-redis';
import {
  appendAnalyticsEntry,
  freePort,
  sampleAnalyticsRecord,
  stackService,
  stackServicePid,
  StartedProcess,
  uniqueName,
  waitFor,
} from '@gatehouse/shared-testing';
import { Kafka, logLevel } from 'kafkajs';

import { startApp, waitForHealthy } from '../app-process';

/**
 * Failed writes the pump must go through while the broker is frozen, after each of the four batches sent
 * meanwhile: eight in all, about 45 s with the backoff below (a write times out after 3 s), well under the
 * 30 attempts after which entries would be dead-lettered.
 */
const FAILED_WRITES_PER_BATCH = 2;

function records(from: number, count: number) {
  return Array.from({ length: count }, (_, index) =>
    sampleAnalyticsRecord(`outage-${from + index}`, { timestamp: Date.now() }),
  );
}

/**
 * Fault test 3 of the analytics pipeline: the Kafka broker (one of its own, so no other test sees it)
 * is frozen with SIGSTOP while records keep coming and the pump keeps failing to write them, then
 * resumed with SIGCONT.
 */
describe('analytics: a Kafka outage loses nothing (real pump process, real Kafka)', () => {
  const stream = uniqueName('outage');
  const topic = uniqueName('outage');
  const broker = stackService('kafka-outage');
  let redis: Redis;
  let pump: StartedProcess;
  let url = '';

  const append = (from: number, count: number) => appendAnalyticsEntry(redis, stream, records(from, count));

  beforeAll(async () => {
    redis = await connectRedis({ url: stackService('redis'), connectionName: 'outage-spec' }, 5000);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    pump = startApp('pump', {
      GATEHOUSE_PUMP_HTTP_PORT: String(port),
      GATEHOUSE_PUMP_REDIS_URL: stackService('redis'),
      GATEHOUSE_PUMP_STREAM_NAME: stream,
      GATEHOUSE_PUMP_STREAM_CONSUMER: 'pump-outage',
      GATEHOUSE_PUMP_STREAM_BLOCK_MS: '200',
      GATEHOUSE_PUMP_RETRY_BACKOFF_MS: '500',
      GATEHOUSE_PUMP_RETRY_MAX_BACKOFF_MS: '5000',
      GATEHOUSE_PUMP_RETRY_MAX_ATTEMPTS: '30',
      GATEHOUSE_PUMP_PUMPS: JSON.stringify({
        kafka: { type: 'kafka', timeout: 3, meta: { broker: [broker], topic } },
      }),
    });
    await waitForHealthy(pump, `${url}/health`);
  });

  afterAll(async () => {
    process.kill(stackServicePid('kafka-outage'), 'SIGCONT');
    await pump?.stop('SIGKILL');
    await redis?.del(stream, `${stream}:dead`);
    redis?.disconnect();
  });

  it('delivers every record to the topic once the broker is back', async () => {
    const series = async (name: string) =>
      (await (await fetch(`${url}/metrics`)).text()).match(
        new RegExp(`${name}\\{sink="kafka"[^}]*\\} (\\d+)`),
      )?.[1];
    const sent = () => series('gatehouse_pump_records_out_total');
    const retries = async () => Number((await series('gatehouse_pump_write_retries_total')) ?? 0);
    await append(0, 100);
    await waitFor(async () => (await sent()) === '100', {
      description: 'the first 100 records in Kafka',
      timeoutMs: 30_000,
    });
    const brokerPid = stackServicePid('kafka-outage');
    process.kill(brokerPid, 'SIGSTOP');
    try {
      for (let batch = 1; batch <= 4; batch++) {
        await append(batch * 100, 100);
        const target = (await retries()) + FAILED_WRITES_PER_BATCH;
        await waitFor(async () => (await retries()) >= target, {
          description: `${FAILED_WRITES_PER_BATCH} more failed writes to the frozen broker`,
          timeoutMs: 30_000,
          intervalMs: 250,
        });
      }
      expect(await sent()).toBe('100');
    } finally {
      process.kill(brokerPid, 'SIGCONT');
    }
    await waitFor(async () => (await sent()) === '500', {
      description: 'all 500 records written',
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    expect(await redis.xlen(`${stream}:dead`)).toBe(0);

    const consumer = new Kafka({
      clientId: 'outage-reader',
      brokers: [broker],
      logLevel: logLevel.NOTHING,
    }).consumer({ groupId: `${topic}-reader` });
    const ids = new Set<string>();
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) =>
          void ids.add((JSON.parse(String(message.value)) as { id: string }).id),
      });
      await waitFor(() => ids.size >= 500, {
        description: '500 distinct records in the topic',
        timeoutMs: 60_000,
      });
    } finally {
      await consumer.disconnect();
    }
    expect(ids.size).toBe(500);
  }, 180_000);
});
