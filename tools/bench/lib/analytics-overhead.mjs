// The pump benchmark's gateway scenario: one keyless, tracked API behind two standalone gateways, one
// with analytics on (records to a Redis stream) and one with them off, loaded in turns by wrk; then
// whether every request proxied became a record in the stream.
import { setTimeout as sleep } from 'node:timers/promises';

import { streamCounts } from './analytics-records.mjs';
import { log } from './log.mjs';
import { warmUp, wrk } from './load-tools.mjs';
import { scrape } from './metrics.mjs';
import { startUpstream, stop, waitHealthy } from './processes.mjs';
import { startGateway, writeApiFiles } from './standalone-gateway.mjs';
import { round } from './stats.mjs';

const API = 'tracked';
const MODES = ['off', 'on'];

/** The analytics gateway's counters once its writer has flushed (written + dropped = proxied), or 5 s. */
async function flushedCounters(base) {
  let counters;
  for (let i = 0; i < 50; i++) {
    const value = await scrape(`${base}/metrics`);
    counters = {
      proxied: value('gatehouse_gateway_requests_total', { api_id: API }),
      written: value('gatehouse_gateway_analytics_written_total'),
      dropped: value('gatehouse_gateway_analytics_dropped_total'),
    };
    if (counters.written + counters.dropped >= counters.proxied) break;
    await sleep(100);
  }
  return counters;
}

/** The wrk rounds of one mode: rps and percentiles as the mean over rounds, counts summed. */
function combine(rounds) {
  const mean = (field) => round(rounds.reduce((sum, entry) => sum + entry[field], 0) / rounds.length);
  const sum = (field) => rounds.reduce((total, entry) => total + entry[field], 0);
  return {
    rps: Math.round(mean('rps')),
    p50_ms: mean('p50_ms'),
    p99_ms: mean('p99_ms'),
    requests: sum('requests'),
    non_2xx: sum('non_2xx'),
    rounds,
  };
}

/**
 * Runs `rounds` rounds of `durationS` seconds with `connections` against each gateway, the order of
 * the two alternating from round to round, on `redisUrl` (the stream is counted with `redis`).
 */
export async function measureAnalyticsOverhead(
  { work, redis, redisUrl, runId },
  { durationS, connections, rounds },
) {
  const upstream = await startUpstream();
  await waitHealthy(upstream.child, upstream.url);
  const files = writeApiFiles(work, upstream.url, [{ id: API, keyless: true, track: true }]);
  const stream = `bench:pump:${runId}:gateway`;
  // The gateway prefixes every Redis key it writes, the analytics stream included.
  const prefix = (mode) => `bench:pump:${runId}:${mode}:`;
  const streamKey = `${prefix('on')}${stream}`;
  const gateways = {};
  for (const mode of MODES) {
    gateways[mode] = await startGateway(`gateway analytics ${mode}`, {
      files,
      redisUrl,
      prefix: prefix(mode),
      env: {
        GATEHOUSE_GATEWAY_ENABLE_ANALYTICS: String(mode === 'on'),
        GATEHOUSE_GATEWAY_ANALYTICS_STREAM_NAME: stream,
      },
    });
    log(`gateway analytics ${mode}: warming up`);
    warmUp(`${gateways[mode].base}/${API}/`);
  }
  const before = { ...(await flushedCounters(gateways.on.base)), ...(await streamCounts(redis, streamKey)) };
  const runs = { off: [], on: [] };
  for (let index = 0; index < rounds; index++) {
    for (const mode of index % 2 === 0 ? MODES : [...MODES].reverse()) {
      log(`analytics ${mode}, round ${index + 1} of ${rounds}`);
      runs[mode].push(wrk(`${gateways[mode].base}/${API}/`, { connections, durationS }));
    }
  }
  const after = { ...(await flushedCounters(gateways.on.base)), ...(await streamCounts(redis, streamKey)) };
  for (const gateway of Object.values(gateways)) await stop(gateway.child);
  await stop(upstream.child);
  await redis.del(streamKey);
  const off = combine(runs.off);
  const on = combine(runs.on);
  const delta = (field) => after[field] - before[field];
  return {
    off,
    on,
    ratio_on_to_off: {
      rps: round(on.rps / off.rps),
      p50: round(on.p50_ms / off.p50_ms),
      p99: round(on.p99_ms / off.p99_ms),
    },
    analytics: {
      requests_completed_by_wrk: on.requests,
      requests_proxied_by_gateway: delta('proxied'),
      records_in_stream: delta('records'),
      stream_entries: delta('entries'),
      records_written: delta('written'),
      records_dropped: delta('dropped'),
      dropped_total_since_start: after.dropped,
      note: 'counted over the measured rounds only (after the warm-up had been flushed)',
    },
  };
}
