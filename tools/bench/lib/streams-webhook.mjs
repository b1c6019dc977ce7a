// The streams benchmark's webhook part: messages from a Kafka topic to an HTTP receiver, through a
// gateway's http_client output and through the plainest loop (kafkajs eachMessage → undici request).
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';

/** A receiver on loopback that answers 200 and counts calls; `firstAt`/`lastAt` time them. */
export async function startReceiver() {
  const counter = { calls: 0, firstAt: 0, lastAt: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      counter.calls++;
      counter.lastAt = Date.now();
      counter.firstAt ||= counter.lastAt;
      res.writeHead(200).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { counter, url: `http://127.0.0.1:${server.address().port}/hook`, close: () => server.close() };
}

/** Produces `count` small messages to `topic` as fast as the producer goes; returns when it started. */
export async function produceBurst(producer, topic, count) {
  const startedAt = Date.now();
  for (let sent = 0; sent < count; sent += 500) {
    const messages = Array.from({ length: Math.min(500, count - sent) }, (_, i) => ({
      value: JSON.stringify({ n: sent + i, t: Date.now() }),
    }));
    await producer.send({ topic, messages });
  }
  return startedAt;
}

/** Waits for `count` calls (or `maxMs`); messages per second from the burst's start to the last call. */
export async function webhookRate(counter, count, startedAt, maxMs = 60_000) {
  const until = Date.now() + maxMs;
  while (counter.calls < count && Date.now() < until) await sleep(50);
  const seconds = Math.max(0.001, (counter.lastAt - startedAt) / 1000);
  return { delivered: counter.calls, expected: count, per_second: Math.round(counter.calls / seconds) };
}

/** The baseline loop: one kafkajs consumer awaiting one undici request per message, as a plain script would. */
export async function plainWebhookLoop(kafka, topic, url) {
  const consumer = kafka.consumer({ groupId: `bench-webhook-${topic}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const response = await request(url, { method: 'POST', body: message.value });
      await response.body.dump();
    },
  });
  return consumer;
}
