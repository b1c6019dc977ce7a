// The propagation benchmark's existing APIs: N keyless APIs stored through the dashboard before any
// gateway starts, so that each gateway's first sync is an N-API snapshot. Through the dashboard's
// import, never into MongoDB directly: every API gets its revision on the change log, its audit entry
// and its wake-up, as any write does.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { apiDefinition, importApis } from './dashboard.mjs';
import { log } from './log.mjs';
import { round } from './stats.mjs';

/**
 * The dashboard's write limits for a seeding run (GATEHOUSE_DASHBOARD_LIMITS_WRITES_*, both at their
 * maximum). At the defaults (20 a second, bursts of 200; an import costs one per document up to the
 * burst) the imports would wait for the rate (rate_wait_seconds_at_default_limits). The concurrency
 * bounds stay at their defaults (4 writes of one org at once): the seeding sends no more than that.
 */
export const SEEDING_WRITE_LIMITS = {
  GATEHOUSE_DASHBOARD_LIMITS_WRITES_PER_SECOND: '100000',
  GATEHOUSE_DASHBOARD_LIMITS_WRITES_BURST: '100000',
};
/** The dashboard's default write rate and burst (docs/dashboard.md, "Limits"), for what seeding costs there. */
const DEFAULT_WRITES = { perSecond: 20, burst: 200 };
/** Busy answers retried after their Retry-After: 429 (org over its rate or queue), 503 (no write slot). */
const BUSY = new Set([429, 503]);
/**
 * What one import should take. The dashboard stores an import's documents one after another, and a
 * write slows as the org's catalogue grows on a store that scans, so each import is sized from the
 * previous one's time: the seeding then stops within about this long of its deadline.
 */
const IMPORT_TARGET_MS = 2000;

/** The id (and listen path) of the `index`th seeded API. */
export const seededApiId = (runId, index) => `${runId}-s${index}`;

/** Seconds the same imports would wait for the default write rate (one token per document, at most a burst). */
function defaultRateWait(sizes) {
  const tokens = sizes.reduce((sum, size) => sum + Math.min(size, DEFAULT_WRITES.burst), 0);
  return round(Math.max(0, tokens - DEFAULT_WRITES.burst) / DEFAULT_WRITES.perSecond);
}

/**
 * Imports up to `count` keyless APIs, `concurrency` imports at a time of at most `batch` APIs each, a
 * busy answer retried after its Retry-After. No import starts after `seedDeadline` (performance.now()
 * ms) or once `remaining()` is spent: the run then goes on with the APIs stored so far. Resolves with
 * how many were stored, how long it took and the rate; fails on any other refusal.
 */
export async function seedApis(
  { dashboardUrl, auth, upstreamUrl, runId },
  { count, batch, concurrency, seedDeadline, remaining },
) {
  const t0 = performance.now();
  const open = () => performance.now() < seedDeadline && remaining() > 0;
  const sizes = [];
  let next = 0;
  let stored = 0;
  let retries = 0;
  let failed = false;
  let reported = 0;
  /** The latest import's milliseconds per API, which sizes the next one. */
  let msPerApi;

  async function importRange(from, to) {
    const definitions = [];
    for (let index = from; index < to; index++)
      definitions.push(apiDefinition(seededApiId(runId, index), upstreamUrl, true));
    for (;;) {
      const started = performance.now();
      try {
        const answered = await importApis(dashboardUrl, auth, definitions);
        if (answered !== definitions.length)
          throw new Error(`seeding: an import of ${definitions.length} APIs answered ${answered} records`);
        msPerApi = (performance.now() - started) / definitions.length;
        sizes.push(definitions.length);
        return answered;
      } catch (error) {
        if (!BUSY.has(error.status) || !open()) throw error;
        retries++;
        await sleep(Math.max(0, Math.min(error.retryAfterMs ?? 1000, remaining())));
      }
    }
  }

  function progress() {
    if (stored - reported < count / 20 && stored !== count) return;
    reported = stored;
    const seconds = (performance.now() - t0) / 1000;
    log(
      `seeding: ${stored} of ${count} APIs in ${seconds.toFixed(1)} s; the last import took ${msPerApi.toFixed(1)} ms per API`,
    );
  }

  async function worker() {
    while (!failed && next < count && open()) {
      const size = Math.round(IMPORT_TARGET_MS / msPerApi);
      const from = next;
      next = Math.min(count, from + Math.max(1, Math.min(batch, size)));
      try {
        stored += await importRange(from, next);
      } catch (error) {
        failed = true;
        throw error;
      }
      progress();
    }
  }

  // The first import alone and of one API: its time per API sizes the others.
  if (count > 0 && open()) {
    next = 1;
    stored += await importRange(0, 1);
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - t0;
  if (stored < count) log(`seeding: stopped at its deadline with ${stored} of ${count} APIs stored`);
  return {
    requested: count,
    apis: stored,
    complete: stored === count,
    max_batch: batch,
    concurrency,
    imports: sizes.length,
    busy_retries: retries,
    seconds: round(ms / 1000),
    apis_per_second: round(stored / (ms / 1000)),
    last_import_ms_per_api: round(msPerApi),
    path: 'POST /api/v1/apis/import (arrays of Tyk classic definitions)',
    dashboard_write_limits: Object.fromEntries(
      Object.entries(SEEDING_WRITE_LIMITS).map(([name, value]) => [name, Number(value)]),
    ),
    rate_wait_seconds_at_default_limits: defaultRateWait(sizes),
  };
}
