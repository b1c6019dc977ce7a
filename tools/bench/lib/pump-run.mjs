// One pump process draining a pre-filled analytics stream into a single sink, timed from its start
// until its records-out counter reaches the stream's record count (or a time box, or a stall).
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { fillStream } from './analytics-records.mjs';
import { log } from './log.mjs';
import { scrape } from './metrics.mjs';
import { freePort, running, start, stop } from './processes.mjs';
import { appBundle } from './repo.mjs';
import { round } from './stats.mjs';

const POLL_MS = 100;

/** The last `"err"` a pump logged (its JSON logs at level warn), if any. */
function lastLoggedError(output) {
  const errors = [...output.matchAll(/"err":"((?:[^"\\]|\\.)*)"/g)];
  return errors.length ? errors[errors.length - 1][1].slice(0, 300) : undefined;
}

/**
 * Fills a stream of its own with the run's records, starts a pump with the one sink `scenario`
 * ({ name, type, meta, entriesPerWrite }) and polls its /metrics until every record is out, the pump
 * stalls (retrying or dead-lettering without progress for `stallS`), or `timeBoxS` passes.
 */
export async function runPumpSink(scenario, { redis, redisUrl, records, timeBoxS, stallS }) {
  const stream = `bench:pump:${records.runId}:${scenario.name}`;
  const total = records.entries * records.perEntry;
  const streamBytes = await fillStream(redis, stream, records);
  const port = await freePort();
  const sinks = { [scenario.name]: { type: scenario.type, meta: scenario.meta } };
  const t0 = performance.now();
  const child = start(`pump ${scenario.name}`, process.execPath, [appBundle('pump')], {
    GATEHOUSE_PUMP_REDIS_URL: redisUrl,
    GATEHOUSE_PUMP_HTTP_PORT: String(port),
    GATEHOUSE_PUMP_STREAM_NAME: stream,
    GATEHOUSE_PUMP_STREAM_CONSUMER: 'bench',
    GATEHOUSE_PUMP_STREAM_ENTRIES_PER_WRITE: String(scenario.entriesPerWrite),
    GATEHOUSE_PUMP_PUMPS: JSON.stringify(sinks),
    GATEHOUSE_PUMP_LOG_LEVEL: 'warn',
  });
  const label = { sink: scenario.name };
  const samples = [];
  let status = 'timed out';
  let counters = { retries: 0, dead_lettered: 0 };
  let progressAt = 0;
  for (;;) {
    const elapsed = performance.now() - t0;
    if (!running(child)) {
      status = 'pump exited';
      break;
    }
    if (elapsed > timeBoxS * 1000) break;
    const value = await scrape(`http://127.0.0.1:${port}/metrics`).catch(() => undefined);
    if (value) {
      const out = value('gatehouse_pump_records_out_total', label);
      if (out > (samples.at(-1)?.[1] ?? 0)) progressAt = elapsed;
      samples.push([Math.round(elapsed), out]);
      counters = {
        retries: value('gatehouse_pump_write_retries_total', label),
        dead_lettered: value('gatehouse_pump_entries_dead_lettered_total', label),
      };
      if (out >= total) {
        status = 'ok';
        break;
      }
      const failing = counters.retries + counters.dead_lettered > 0;
      if (failing && elapsed - Math.max(progressAt, samples[0][0]) > stallS * 1000) {
        status = 'stalled';
        break;
      }
    }
    await sleep(POLL_MS);
  }
  await stop(child);
  await redis.del(stream, `${stream}:dead`);
  const result = summarise(samples, total, status);
  if (status !== 'ok') log(`pump ${scenario.name}: ${status} with ${result.records} of ${total} records out`);
  return {
    ...result,
    ...counters,
    entries_per_write: scenario.entriesPerWrite,
    stream_record_json_bytes: streamBytes,
    last_error: lastLoggedError(child.output),
    samples_ms_records_out: samples,
  };
}

/**
 * Rates from the samples [ms since the pump's start, records out]: from its first answer on /metrics
 * (the sink open and the runner started) to the last sample, and from the process start.
 */
function summarise(samples, total, status) {
  if (samples.length === 0) return { status, records: 0, planned: total, records_per_s: 0 };
  const [readyMs, readyOut] = samples[0];
  const [endMs, out] = samples.at(-1);
  return {
    status,
    records: out,
    planned: total,
    startup_s: round(readyMs / 1000),
    seconds: round((endMs - readyMs) / 1000),
    records_per_s: endMs > readyMs ? Math.round(((out - readyOut) * 1000) / (endMs - readyMs)) : 0,
    records_per_s_from_start: Math.round((out * 1000) / endMs),
  };
}
