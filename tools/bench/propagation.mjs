#!/usr/bin/env node
// Propagation benchmark: `npm run bench:propagation [-- --changes 50 --keys 50 --existing-apis 10000]`.
// Starts, as real processes on loopback: the dashboard, one bridge, and one hybrid gateway in each of
// two regions (eu, the control plane's region, and us, another region), each region with its own Redis
// (tools/stack: redis, mongo, redis-eu, redis-us). Measures, in one invocation:
//   0. with --existing-apis N: N keyless APIs imported through the dashboard before the gateways start
//      (seeding time and rate), then each gateway's initial sync of that N-API snapshot: from its spawn
//      until it is healthy and until the last seeded API answers 200;
//   1. config propagation: from a dashboard write (POST /apis) until each gateway serves the API (200),
//      with the key-cache check around it: keys warmed on every gateway before, /metrics read before
//      and after (clears, policy evictions and misses of the warmed keys used again: all must be 0);
//   2. key back-fill: the first request with a new dashboard key through each gateway (regional Redis
//      miss -> bridge GetKey -> Mongo) against the second request with the same key (cached).
// The baseline is a plain request to the upstream directly. Prints a table with p50, p99, max and the
// ratio to the baseline, a table per gateway, and the floors (PASS/FAIL, never an exit code), and writes
// tools/bench/results/propagation-<timestamp>.json. A benchmark, not a test: numbers vary by machine,
// and every process shares one host, so "regions" differ in their Redis and gateway group, not in
// network distance. Each run copies the built apps to .cache/bench/propagation/<run>/ and keeps every
// process's whole output there in logs/.
// Flags (or env): --existing-apis N (BENCH_EXISTING_APIS, 0), --seed-seconds for the seeding, after
// which the run goes on with the APIs stored by then (BENCH_SEED_SECONDS, N/50 and at least 30),
// --seed-batch most APIs per import (BENCH_SEED_BATCH, 500; imports are sized to take about 2 s each),
// --seed-concurrency imports at once (BENCH_SEED_CONCURRENCY, 1),
// --changes N (BENCH_CHANGES, 50), --keys M (BENCH_KEYS, 50), --cached-keys K warmed for the key-cache
// check (BENCH_CACHED_KEYS, 6), --timeout-ms per change (BENCH_TIMEOUT_MS, 10000), --poll-ms
// (BENCH_POLL_MS, 2), --max-seconds for the whole run (BENCH_MAX_SECONDS, 110, plus twice --seed-seconds
// with existing APIs), --no-build (use the bundles in dist as they are), --keep-data (do not drop this
// run's database and regional Redis keys).
import { performance } from 'node:perf_hooks';

import { SEEDING_WRITE_LIMITS, seedApis, seededApiId } from './lib/api-seeding.mjs';
import { flag, option, positive } from './lib/cli.mjs';
import { measureBaseline, measurePropagation } from './lib/config-propagation.mjs';
import { api, apiDefinition } from './lib/dashboard.mjs';
import { initialSync } from './lib/initial-sync.mjs';
import { measureBackfill } from './lib/key-backfill.mjs';
import { keyCacheAfter, readKeyCache, warmKeys } from './lib/key-cache-check.mjs';
import { log } from './lib/log.mjs';
import { status, until } from './lib/probe.mjs';
import { runGuarded, stopAll } from './lib/processes.mjs';
import { buildReport, printReport } from './lib/propagation-report.mjs';
import { buildApps } from './lib/repo.mjs';
import { writeResult } from './lib/results.mjs';
import { connectRedis, dropRunData, stackAddresses } from './lib/stack.mjs';
import {
  KEY_CACHE_TTL_S,
  prepareRunDir,
  removeBundles,
  startControlPlane,
  startGateways,
} from './lib/topology.mjs';

const APPS = ['dashboard', 'bridge', 'gateway'];
const startedAt = Date.now();
const existingApis = Number(option('existing-apis', 0, 'BENCH_EXISTING_APIS'));
if (!Number.isInteger(existingApis) || existingApis < 0)
  throw new Error('--existing-apis (BENCH_EXISTING_APIS) must be a whole number, 0 or more');
/** What a control plane storing 50 APIs a second needs; the seeding stops there in any case. */
const seedSeconds = positive(
  'seed-seconds',
  'BENCH_SEED_SECONDS',
  Math.max(30, Math.ceil(existingApis / 50)),
);
const options = {
  existingApis,
  seedSeconds,
  seedBatch: positive('seed-batch', 'BENCH_SEED_BATCH', 500),
  // One import at a time: on the stack's FerretDB (SQLite), where every write scans, more at once
  // stored fewer APIs (in 40 s, 343 with 1 and 208 with 2; in 30 s, 77 with 4).
  seedConcurrency: positive('seed-concurrency', 'BENCH_SEED_CONCURRENCY', 1),
  changes: positive('changes', 'BENCH_CHANGES', 50),
  keys: positive('keys', 'BENCH_KEYS', 50),
  cachedKeys: positive('cached-keys', 'BENCH_CACHED_KEYS', 6),
  timeoutMs: positive('timeout-ms', 'BENCH_TIMEOUT_MS', 10_000),
  pollMs: positive('poll-ms', 'BENCH_POLL_MS', 2),
  // The seeding, then as long again for two initial syncs and the slower writes of a large catalogue.
  maxSeconds: positive('max-seconds', 'BENCH_MAX_SECONDS', 110 + (existingApis > 0 ? 2 * seedSeconds : 0)),
};
const KEEP_DATA = flag('keep-data');
/** Kept free at the end of the run for stopping the processes, cleaning up and printing. */
const RESERVE_MS = 15_000;
const deadline = startedAt + options.maxSeconds * 1000;
/** Milliseconds left for measuring before the reserve for cleanup. */
const remaining = () => deadline - RESERVE_MS - Date.now();
const settings = { ...options, remaining, keyCacheTtlS: KEY_CACHE_TTL_S };

/** This run's database and Redis key prefix, for the clean-up after an interruption. */
let run;

async function cleanUp(data) {
  if (data.runDir) {
    removeBundles(data.runDir);
    log(`process logs in ${data.runDir.logs}`);
  }
  if (KEEP_DATA) log(`keeping database ${data.database} and Redis keys ${data.prefix}*`);
  else await dropRunData(data);
}

/** Not counted: the Watch streams are live and the code paths are compiled before measuring. */
async function warmUp({ dashboardUrl, auth, upstreamUrl, gateways }, runId) {
  log('warming up');
  const warmId = `${runId}-warm`;
  await api(dashboardUrl, 'POST', '/apis', apiDefinition(warmId, upstreamUrl, true), auth);
  for (const gateway of gateways) {
    const took = await until(`${gateway.url}/${warmId}/`, 200, {
      t0: performance.now(),
      timeoutMs: Math.min(20_000, remaining()),
      pollMs: settings.pollMs,
    });
    if (took === undefined) throw new Error(`warm-up: ${gateway.region} did not serve ${warmId} within 20 s`);
    for (let i = 0; i < 20; i++) await status(`${gateway.url}/${warmId}/`);
  }
}

/** The N existing APIs, then the gateways, which start from the N-API snapshot. */
async function startWithExistingApis(run) {
  const seeding = existingApis > 0;
  const controlPlane = await startControlPlane(run, remaining, seeding ? SEEDING_WRITE_LIMITS : {});
  let seeded = null;
  if (seeding) {
    log(
      `seeding ${existingApis} APIs within ${settings.seedSeconds} s: imports of up to ${settings.seedBatch}, ${settings.seedConcurrency} at a time`,
    );
    seeded = await seedApis(
      { ...controlPlane, runId: run.runId },
      {
        count: existingApis,
        batch: settings.seedBatch,
        concurrency: settings.seedConcurrency,
        seedDeadline: performance.now() + settings.seedSeconds * 1000,
        remaining,
      },
    );
    log(`seeded ${seeded.apis} APIs in ${seeded.seconds} s (${seeded.apis_per_second} APIs/s)`);
  }
  const stored = seeded?.apis ?? 0;
  log('starting the gateways');
  const gateways = await startGateways(controlPlane, run, {
    syncTimeoutMs: Math.max(1000, Math.min(20_000 + 10 * stored, remaining())),
    probeApiId: stored > 0 ? seededApiId(run.runId, stored - 1) : undefined,
  });
  const sync = await initialSync(gateways, run.runId, stored);
  for (const [region, entry] of Object.entries(sync))
    log(
      `${region}: healthy after ${entry.healthy_ms} ms, first seeded API after ${entry.first_seeded_api_ms ?? '-'} ms`,
    );
  return { topology: { ...controlPlane, gateways }, seeded, sync };
}

/** Config propagation with the key-cache check around it (see key-cache-check.mjs). */
async function propagationWithKeyCache(context) {
  let warm;
  const keyCache = { keys: settings.cachedKeys, moved: null, errors: [] };
  try {
    log(`key cache: warming ${settings.cachedKeys} keys on every gateway`);
    warm = await warmKeys(context, {
      count: settings.cachedKeys,
      timeoutMs: Math.min(settings.timeoutMs, remaining()),
      pollMs: settings.pollMs,
    });
  } catch (error) {
    keyCache.errors.push(error.message);
  }
  const before = warm && (await readKeyCache(context.gateways));
  log(`config propagation: ${settings.changes} changes`);
  const propagation = await measurePropagation(context, settings);
  if (warm) {
    const { moved, failures } = await keyCacheAfter(warm, context.gateways, before);
    keyCache.moved = moved;
    keyCache.errors.push(...failures);
  }
  return { propagation, keyCache };
}

async function main() {
  const stack = stackAddresses(Math.max(1000, remaining()));
  buildApps(APPS, {
    rebuild: !flag('no-build'),
    timeoutMs: Math.max(1000, remaining()),
  });
  const runId = `bench${Date.now().toString(36)}`;
  const database = `bench_propagation_${runId}`;
  const prefix = `${database}:`;
  const runDir = prepareRunDir(runId, APPS);
  run = { stack, database, prefix, runId, runDir };
  let regionalRedis;
  try {
    log(`database ${database}, Redis key prefix ${prefix}, run directory ${runDir.dir}`);
    const { topology, seeded, sync } = await startWithExistingApis(run);
    regionalRedis = await connectRedis({ eu: stack['redis-eu'], us: stack['redis-us'] });
    await warmUp(topology, runId);
    const context = { ...topology, regionalRedis, runId, prefix };

    log('baseline: direct upstream');
    const baseline = await measureBaseline(topology.upstreamUrl);
    const { propagation, keyCache } = await propagationWithKeyCache(context);
    log(`key back-fill: ${settings.keys} keys`);
    const backfill = await measureBackfill(context, settings);

    const report = buildReport(settings, {
      builtAt: runDir.builtAt,
      seeding: seeded,
      initialSync: sync,
      baseline,
      propagation,
      keyCache,
      backfill,
    });
    const outFile = writeResult(report);
    printReport(report);
    console.log(`\nwritten to ${outFile}`);
    const failures = propagation.errors.length + backfill.errors.length + keyCache.errors.length;
    const incomplete =
      [propagation.eu, propagation.us, backfill.eu_first, backfill.us_first].some(
        (entry) => entry.failures + entry.not_run > 0,
      ) || Object.values(sync).some((entry) => entry.sampled_served < entry.sampled);
    if (failures || incomplete) process.exitCode = 1;
  } finally {
    log('stopping the processes');
    await stopAll();
    await cleanUp(run);
    for (const redis of Object.values(regionalRedis ?? {})) redis.disconnect();
  }
}

runGuarded(main, { startedAt, maxSeconds: settings.maxSeconds, cleanUp: () => run && cleanUp(run) });
