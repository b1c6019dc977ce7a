import {
  freePort,
  repoRoot,
  SseClient,
  stackService,
  StartedProcess,
  temporaryDirectory,
  TEST_KEY_HASHING_SECRET,
  uniqueName,
  waitFor,
} from '@gatehouse/shared-testing';
import { Kafka, logLevel } from 'kafkajs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startApp, waitForHealthy } from '../app-process';

const kafka = new Kafka({
  clientId: 'failover-e2e',
  brokers: [stackService('kafka')],
  logLevel: logLevel.NOTHING,
});

/**
 * docs/examples/tyk-oas/kafka-events.json, the documented Kafka stream API (SSE at /kafka-events/sse),
 * reading this run's topic.
 */
function writeFeedApi(dir: string, topic: string): void {
  const api = JSON.parse(readFileSync(join(repoRoot(), 'docs/examples/tyk-oas/kafka-events.json'), 'utf8'));
  api['x-tyk-streaming'].streams.events.input.kafka = {
    ...api['x-tyk-streaming'].streams.events.input.kafka,
    addresses: [stackService('kafka')],
    topics: [topic],
  };
  writeFileSync(join(dir, 'kafka-events.json'), JSON.stringify(api));
}

/** Two gateway processes of one region (one Redis key space and region name). */
describe('streams: a gateway killed with SIGKILL mid-stream', () => {
  const running: StartedProcess[] = [];

  afterAll(async () => {
    await Promise.all(running.map((app) => app.stop('SIGKILL')));
  });

  it('loses nothing: its consumer resumes on the survivor from Last-Event-ID, and its Kafka partitions move there', async () => {
    const topic = uniqueName('failover').replaceAll(':', '-');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }], waitForLeaders: true });
    await admin.disconnect();
    const apps = temporaryDirectory('gatehouse-streams-e2e-');
    writeFeedApi(apps, topic);
    const region = uniqueName('region');
    const start = async () => {
      const port = await freePort();
      const app = startApp('gateway', {
        GATEHOUSE_GATEWAY_LISTEN_ADDRESS: '127.0.0.1',
        GATEHOUSE_GATEWAY_LISTEN_PORT: String(port),
        GATEHOUSE_GATEWAY_REDIS_URL: stackService('redis'),
        GATEHOUSE_GATEWAY_REDIS_KEY_PREFIX: `${region}:`,
        GATEHOUSE_GATEWAY_STREAMS_REGION: region.replaceAll(':', '-'),
        GATEHOUSE_GATEWAY_APP_PATH: apps,
        GATEHOUSE_GATEWAY_KEY_HASHING_SECRET: TEST_KEY_HASHING_SECRET,
      });
      running.push(app);
      await waitForHealthy(app, `http://127.0.0.1:${port}/hello`);
      return { app, url: `http://127.0.0.1:${port}` };
    };
    const doomed = await start();
    const survivor = await start();

    const first = new SseClient(`${doomed.url}/kafka-events/sse`);
    await first.ready;
    expect(first.status).toBe(200);
    const producer = kafka.producer();
    await producer.connect();
    const total = 120;
    const produceRange = async (from: number, to: number) => {
      for (let n = from; n < to; n++) {
        await producer.send({ topic, messages: [{ key: String(n), value: JSON.stringify({ n }) }] });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    await produceRange(0, 40);
    await waitFor(() => first.data().length >= 20, { timeoutMs: 30_000, description: 'the first messages' });
    await doomed.app.stop('SIGKILL');
    await first.done;
    const lastSeen = first.events.filter((event) => event.id).at(-1)!.id!;
    await produceRange(40, total);
    await producer.disconnect();

    const resumed = new SseClient(`${survivor.url}/kafka-events/sse`, { 'last-event-id': lastSeen });
    const received = () => [...first.data(), ...resumed.data()];
    await waitFor(() => received().length >= total, {
      timeoutMs: 60_000,
      description: `all ${total} messages across the kill (${received().length} so far)`,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const numbers = received().map((data) => (JSON.parse(data) as { n: number }).n);
    expect(numbers).toHaveLength(total);
    expect(new Set(numbers).size).toBe(total);
    expect(Math.min(...numbers)).toBe(0);
    expect(Math.max(...numbers)).toBe(total - 1);
    resumed.close();
  }, 120_000);
});
