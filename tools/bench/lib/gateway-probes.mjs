// What the scale benchmark reads off a running gateway: its resident memory, its longest event-loop
// stall (see loop-stall-probe.cjs) and its key-cache counters (from /metrics).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { scrape } from './metrics.mjs';

/** The process's resident set (VmRSS) in MB, one decimal. */
export function rssMb(pid) {
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round((kb / 1024) * 10) / 10;
}

/** Node arguments that load loop-stall-probe.cjs into the gateway, for loopStallMs. */
export const LOOP_STALL_PROBE = [
  '--require',
  join(dirname(fileURLToPath(import.meta.url)), 'loop-stall-probe.cjs'),
];

/**
 * The longest event-loop stall of `child` (a gateway started with LOOP_STALL_PROBE) since the previous
 * call, in ms: asks by SIGUSR2 and reads the answer from its output. A stalled loop answers late, after
 * the stall, which it then includes.
 */
export async function loopStallMs(child, timeoutMs = 60_000) {
  child.stallReports = (child.stallReports ?? 0) + 1;
  const marker = `[loop-stall ${child.stallReports}] `;
  child.kill('SIGUSR2');
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const at = child.output.lastIndexOf(marker);
    if (at !== -1) return Number(/^[\d.]+/.exec(child.output.slice(at + marker.length))?.[0]);
    await sleep(5);
  }
  throw new Error(`${child.name} did not report its event-loop stall within ${timeoutMs} ms`);
}

/**
 * prom-client's nodejs_eventloop_lag_max_seconds, in ms: the max of a monitorEventLoopDelay histogram
 * reset on every scrape. Recorded beside loopStallMs to show that it misses stalls; never read during a
 * measured window, as one scrape of /metrics with thousands of APIs stalls the gateway itself.
 */
export async function promEventLoopMaxMs(metricsUrl) {
  const value = (await scrape(metricsUrl))('nodejs_eventloop_lag_max_seconds');
  return Math.round(value * 100_000) / 100;
}

/** The gateway's key-cache lookups so far: { hit, miss, stale } (gateway-metrics.ts). */
export async function keyCacheCounts(metricsUrl) {
  const read = await scrape(metricsUrl);
  const count = (outcome) => read('gatehouse_gateway_key_cache_total', { outcome });
  return { hit: count('hit'), miss: count('miss'), stale: count('stale') };
}

/** Hits over lookups between two keyCacheCounts readings, 4 decimals; null without lookups. */
export function hitRatio(before, after) {
  const hits = after.hit - before.hit;
  const lookups = hits + (after.miss - before.miss) + (after.stale - before.stale);
  return lookups > 0 ? Math.round((hits / lookups) * 10_000) / 10_000 : null;
}
