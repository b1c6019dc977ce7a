#!/usr/bin/env node
// Streams benchmark: `npm run bench:streams [-- --clients 2000 --rate 20 --seconds 10 --no-build]`.
// Measures, in one invocation on loopback, a Kafka topic served to many consumers:
//   1. baseline: a minimal program (lib/streams-baseline.mjs: kafkajs + ws broadcast) serving all the
//      clients over WebSocket;
//   2. Gatehouse: two gateways of one region (one Redis), the same number of clients split across them,
//      half WebSocket and half Server-Sent Events, reading the topic through a stream API.
// Each window produces --rate messages a second for --seconds; every client must receive every message.
// The default rate (20/s to 2,000 clients: 40,000 deliveries a second) is what the baseline serves on 2
// cores without queueing; at 50/s both saturate the machine (the clients run here too) and latency
// becomes the length of the queue.
// Reported: delivered messages per second (total over all clients), end-to-end latency p50/p99 (produce
// to receive, sampled on one client in ten), the gateways' RSS per 1,000 idle connections, and their
// longest event-loop stall during the window. Then webhook throughput: --webhook-messages through a
// gateway's http_client output against a plain kafkajs → undici loop.
// Prints the tables and writes tools/bench/results/streams-<timestamp>.json. A benchmark, not a test:
// numbers vary by machine and with whatever else runs on it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { flag, positive } from './lib/cli.mjs';
import { LOOP_STALL_PROBE, loopStallMs, rssMb } from './lib/gateway-probes.mjs';
import { log } from './lib/log.mjs';
import { freePort, runGuarded, start, stopAll } from './lib/processes.mjs';
import { buildApps, root } from './lib/repo.mjs';
import { reportHeader, writeResult } from './lib/results.mjs';
import { stackAddresses } from './lib/stack.mjs';
import { startGateway, startPrivateRedis } from './lib/standalone-gateway.mjs';
import { closeClients, connectClients, createTally } from './lib/streams-clients.mjs';
import { awaitDelivery, produceAtRate, windowSummary } from './lib/streams-run.mjs';
import { plainWebhookLoop, produceBurst, startReceiver, webhookRate } from './lib/streams-webhook.mjs';
import { printTable } from './lib/table.mjs';
import { round } from './lib/stats.mjs';

const startedAt = Date.now();
const options = {
  clients: positive('clients', 'BENCH_CLIENTS', 2000),
  rate: positive('rate', 'BENCH_RATE', 20),
  seconds: positive('seconds', 'BENCH_SECONDS', 10),
  webhookMessages: positive('webhook-messages', 'BENCH_WEBHOOK_MESSAGES', 3000),
  maxSeconds: positive('max-seconds', 'BENCH_MAX_SECONDS', 300),
};
const work = mkdtempSync(join(tmpdir(), 'gatehouse-bench-streams-'));
let kafkaClient;
const topics = [];

/**
 * docs/examples/tyk-oas/kafka-events.json (consumers at /kafka-events/ws and /sse) reading `feedTopic`,
 * with room for the run's clients, and a second stream from `hookTopic` to the webhook receiver.
 */
function streamApiFile(dir, brokers, feedTopic, hookTopic, hookUrl) {
  const api = JSON.parse(readFileSync(join(root, 'docs/examples/tyk-oas/kafka-events.json'), 'utf8'));
  const streams = api['x-tyk-streaming'].streams;
  const kafka = (topic) => ({ kafka: { addresses: [brokers], topics: [topic], start_from_oldest: true } });
  streams.events.input = kafka(feedTopic);
  streams.events['x-gatehouse'] = { consumer_buffer: 4096, max_connections_per_key: 10000 };
  streams.hook = { input: kafka(hookTopic), output: { http_client: { url: hookUrl, max_in_flight: 64 } } };
  writeFileSync(join(dir, 'apps', 'kafka-events.json'), JSON.stringify(api));
}

async function measureWindow(producer, topic, targets) {
  const tally = createTally();
  const { clients, connectMs } = await connectClients(targets, tally);
  // Warm-up: every client has received a message (the group joined, the connections are live).
  while (tally.received < targets.length) {
    await producer.send({ topic, messages: [{ value: JSON.stringify({ warm: true }) }] });
    await sleep(500);
  }
  return { tally, clients, connectMs };
}

async function main() {
  const stack = stackAddresses(60_000, ['kafka']);
  buildApps(['gateway'], { rebuild: !flag('no-build') });
  const { Kafka, logLevel } = await import('kafkajs');
  kafkaClient = new Kafka({ clientId: 'bench-streams', brokers: [stack.kafka], logLevel: logLevel.NOTHING });
  const stamp = Date.now().toString(36);
  topics.push(...['baseline', 'feed', 'hook', 'hook-plain'].map((name) => `bench-streams-${name}-${stamp}`));
  const [baselineTopic, feedTopic, hookTopic, plainHookTopic] = topics;
  const admin = kafkaClient.admin();
  await admin.connect();
  await admin.createTopics({
    topics: topics.map((topic) => ({ topic, numPartitions: 2 })),
    waitForLeaders: true,
  });
  await admin.disconnect();
  const producer = kafkaClient.producer();
  await producer.connect();
  const report = { ...reportHeader('streams'), options };

  log(`baseline: kafkajs + ws broadcast to ${options.clients} WebSocket clients`);
  const baselinePort = await freePort();
  const baseline = start('baseline', process.execPath, [
    join(import.meta.dirname, 'lib/streams-baseline.mjs'),
    String(baselinePort),
    stack.kafka,
    baselineTopic,
  ]);
  while (!baseline.output.includes('ready')) await sleep(100);
  const baseTargets = Array.from({ length: options.clients }, () => ({
    kind: 'ws',
    url: `ws://127.0.0.1:${baselinePort}`,
  }));
  const base = await measureWindow(producer, baselineTopic, baseTargets);
  const baseRssIdle = rssMb(baseline.pid);
  base.tally.received = 0;
  base.tally.latencies = [];
  const baseSent = await produceAtRate(producer, baselineTopic, options.rate, options.seconds);
  await awaitDelivery(base.tally, baseSent.sent * options.clients);
  report.baseline = { ...windowSummary(base.tally, baseSent, options.clients), rss_mb: baseRssIdle };
  closeClients(base.clients);

  log('Gatehouse: two gateways of one region');
  const receiver = await startReceiver();
  for (const sub of ['apps', 'policies']) mkdirSync(join(work, sub), { recursive: true });
  streamApiFile(work, stack.kafka, feedTopic, hookTopic, receiver.url);
  const redisUrl = await startPrivateRedis(work);
  const files = { apps: join(work, 'apps'), policies: join(work, 'policies') };
  const gateways = [];
  for (const name of ['gateway-1', 'gateway-2'])
    gateways.push(
      await startGateway(name, { files, redisUrl, prefix: 'bench:', nodeArgs: LOOP_STALL_PROBE }),
    );
  const rssBefore = gateways.map(({ child }) => rssMb(child.pid));
  const targets = Array.from({ length: options.clients }, (_, i) => {
    const base = gateways[i % 2].base.replace('http', i % 4 < 2 ? 'ws' : 'http');
    return i % 4 < 2
      ? { kind: 'ws', url: `${base}/kafka-events/ws` }
      : { kind: 'sse', url: `${base}/kafka-events/sse` };
  });
  const ours = await measureWindow(producer, feedTopic, targets);
  await sleep(1000);
  const rssIdle = gateways.map(({ child }) => rssMb(child.pid));
  const perGateway = options.clients / 2 / 1000;
  await Promise.all(gateways.map(({ child }) => loopStallMs(child)));
  ours.tally.received = 0;
  ours.tally.latencies = [];
  const oursSent = await produceAtRate(producer, feedTopic, options.rate, options.seconds);
  await awaitDelivery(ours.tally, oursSent.sent * options.clients);
  const stalls = await Promise.all(gateways.map(({ child }) => loopStallMs(child)));
  report.gatehouse = {
    ...windowSummary(ours.tally, oursSent, options.clients),
    rss_mb_before_clients: rssBefore,
    rss_mb_idle_with_clients: rssIdle,
    rss_mb_per_1000_idle_connections: rssIdle.map((rss, i) => round((rss - rssBefore[i]) / perGateway)),
    event_loop_stall_max_ms: stalls,
  };
  closeClients(ours.clients);

  log(`webhooks: ${options.webhookMessages} messages through the http_client output, then a plain loop`);
  receiver.counter.calls = 0;
  const hookStart = await produceBurst(producer, hookTopic, options.webhookMessages);
  const gatewayHook = await webhookRate(receiver.counter, options.webhookMessages, hookStart);
  receiver.counter.calls = 0;
  const plainStart = await produceBurst(producer, plainHookTopic, options.webhookMessages);
  const plain = await plainWebhookLoop(kafkaClient, plainHookTopic, receiver.url);
  const plainHook = await webhookRate(receiver.counter, options.webhookMessages, plainStart);
  await plain.disconnect();
  report.webhook = { gatehouse: gatewayHook, plain_loop: plainHook };
  receiver.close();
  await producer.disconnect();

  report.ratios = {
    delivered_per_second: round(report.gatehouse.delivered_per_second / report.baseline.delivered_per_second),
    latency_p99: round(report.gatehouse.latency_p99_ms / report.baseline.latency_p99_ms),
    webhook_per_second: round(gatewayHook.per_second / plainHook.per_second),
  };
  report.floors = {
    delivered_at_least_0_7x: report.ratios.delivered_per_second >= 0.7,
    p99_at_most_2x: report.ratios.latency_p99 <= 2,
    rss_under_30mb_per_1000_idle: report.gatehouse.rss_mb_per_1000_idle_connections.every((mb) => mb < 30),
    no_stall_over_50ms: stalls.every((ms) => ms <= 50),
  };
  print(report);
  log(`wrote ${writeResult(report)}`);
}

function print(report) {
  const b = report.baseline;
  const g = report.gatehouse;
  printTable(
    [
      ['', 26],
      ['delivered/s', 12],
      ['delivered', 10],
      ['p50 ms', 8],
      ['p99 ms', 8],
      ['closed', 7],
    ],
    [
      [
        'baseline (kafkajs + ws)',
        b.delivered_per_second,
        b.delivered_ratio,
        b.latency_p50_ms,
        b.latency_p99_ms,
        b.closed_connections,
      ],
      [
        'gatehouse (2 gateways)',
        g.delivered_per_second,
        g.delivered_ratio,
        g.latency_p50_ms,
        g.latency_p99_ms,
        g.closed_connections,
      ],
      ['ratio', report.ratios.delivered_per_second, '', '', report.ratios.latency_p99, ''],
    ],
  );
  console.log(`\nRSS per 1,000 idle connections (MB): ${g.rss_mb_per_1000_idle_connections.join(', ')}`);
  console.log(`event-loop stall max during the window (ms): ${g.event_loop_stall_max_ms.join(', ')}`);
  console.log(
    `webhooks/s: gatehouse ${report.webhook.gatehouse.per_second} (${report.webhook.gatehouse.delivered}/${report.webhook.gatehouse.expected}), plain loop ${report.webhook.plain_loop.per_second}, ratio ${report.ratios.webhook_per_second}`,
  );
  console.log(`floors: ${JSON.stringify(report.floors)}`);
}

/** Stops the processes, deletes the run's topics and folder; after a normal end or an interruption. */
async function cleanUp() {
  await stopAll();
  if (kafkaClient && topics.length > 0) {
    const admin = kafkaClient.admin();
    await admin
      .connect()
      .then(() => admin.deleteTopics({ topics }))
      .catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
  rmSync(work, { recursive: true, force: true });
}

runGuarded(() => main().finally(cleanUp), { startedAt, maxSeconds: options.maxSeconds, cleanUp });
