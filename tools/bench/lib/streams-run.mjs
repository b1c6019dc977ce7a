// One measured window of the streams benchmark: produce at a fixed rate to a topic, wait for the
// consumers to receive it all (or a time box), and summarise what they got.
import { setTimeout as sleep } from 'node:timers/promises';

import { percentile, round } from './stats.mjs';

/** Produces `rate` messages a second for `seconds` to `topic`, each `{"n","t"}` with t its send time. */
export async function produceAtRate(producer, topic, rate, seconds) {
  const tickMs = 20;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const total = Math.round(rate * seconds);
  const startedAt = Date.now();
  let sent = 0;
  while (sent < total) {
    const count = Math.min(perTick, total - sent);
    const messages = Array.from({ length: count }, (_, i) => ({
      value: JSON.stringify({ n: sent + i, t: Date.now() }),
    }));
    await producer.send({ topic, messages });
    sent += count;
    const due = startedAt + (sent / rate) * 1000;
    if (due > Date.now()) await sleep(due - Date.now());
  }
  return { sent, startedAt };
}

/** Waits until `tally` has `expected` messages, nothing arrived for `quietMs`, or `maxMs` passed. */
export async function awaitDelivery(tally, expected, { quietMs = 3000, maxMs = 60_000 } = {}) {
  const until = Date.now() + maxMs;
  while (tally.received < expected && Date.now() < until) {
    if (tally.lastAt && Date.now() - tally.lastAt > quietMs) break;
    await sleep(50);
  }
}

/** The window's figures: delivered messages per second, completeness and latency percentiles. */
export function windowSummary(tally, { sent, startedAt }, clients) {
  const expected = sent * clients;
  const seconds = Math.max(0.001, (tally.lastAt - startedAt) / 1000);
  return {
    produced: sent,
    clients,
    delivered: tally.received,
    delivered_ratio: round(tally.received / expected),
    delivered_per_second: Math.round(tally.received / seconds),
    latency_p50_ms: percentile(tally.latencies, 50),
    latency_p99_ms: percentile(tally.latencies, 99),
    closed_connections: tally.closed,
  };
}
