#!/usr/bin/env node
// Propagation benchmark: `npm run bench:propagation [-- --changes 50 --keys 50 --no-build]`.
// Starts, as real processes on loopback: the dashboard, one bridge, and one hybrid gateway in each of
// two regions (eu, the control plane's region, and us, another region), each region with its own Redis
// (tools/stack: redis, mongo, redis-eu, redis-us). Measures, in one invocation:
//   1. config propagation: from a dashboard write (POST /apis) until each gateway serves the API (200);
//   2. key back-fill: the first request with a new dashboard key through each gateway (regional Redis
//      miss -> bridge GetKey -> Mongo) against the second request with the same key (cached).
// The baseline is a plain request to the upstream directly. Prints a table with p50, p99, max and the
// ratio to the baseline, and writes tools/bench/results/propagation-<timestamp>.json. A benchmark, not
// a test: numbers vary by machine, and every process shares one host, so "regions" differ in their
// Redis and gateway group, not in network distance.
// Flags (or env): --changes N (BENCH_CHANGES, 50), --keys M (BENCH_KEYS, 50), --timeout-ms per change
// (BENCH_TIMEOUT_MS, 10000), --poll-ms (BENCH_POLL_MS, 2), --max-seconds for the whole run
// (BENCH_MAX_SECONDS, 110), --no-build (use the bundles in dist as they are), --keep-data (do not drop
// this run's database and regional Redis keys).
import { performance } from 'node:perf_hooks';

import { flag, positive } from './lib/cli.mjs';
import { measureBaseline, measurePropagation } from './lib/config-propagation.mjs';
import { api, apiDefinition } from './lib/dashboard.mjs';
import { measureBackfill } from './lib/key-backfill.mjs';
import { log } from './lib/log.mjs';
import { status, until } from './lib/probe.mjs';
import { runGuarded, stopAll } from './lib/processes.mjs';
import { buildReport, printReport } from './lib/propagation-report.mjs';
import { buildApps } from './lib/repo.mjs';
import { writeResult } from './lib/results.mjs';
import { connectRedis, dropRunData, stackAddresses } from './lib/stack.mjs';
import { startTopology } from './lib/topology.mjs';

const startedAt = Date.now();
const options = {
  changes: positive('changes', 'BENCH_CHANGES', 50),
  keys: positive('keys', 'BENCH_KEYS', 50),
  timeoutMs: positive('timeout-ms', 'BENCH_TIMEOUT_MS', 10_000),
  pollMs: positive('poll-ms', 'BENCH_POLL_MS', 2),
  maxSeconds: positive('max-seconds', 'BENCH_MAX_SECONDS', 110),
};
const KEEP_DATA = flag('keep-data');
/** Kept free at the end of the run for stopping the processes, cleaning up and printing. */
const RESERVE_MS = 15_000;
const deadline = startedAt + options.maxSeconds * 1000;
/** Milliseconds left for measuring before the reserve for cleanup. */
const remaining = () => deadline - RESERVE_MS - Date.now();
const settings = { ...options, remaining };

/** This run's database and Redis key prefix, for the clean-up after an interruption. */
let run;

async function cleanUp(data) {
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

async function main() {
  const stack = stackAddresses(Math.max(1000, remaining()));
  buildApps(['dashboard', 'bridge', 'gateway'], {
    rebuild: !flag('no-build'),
    timeoutMs: Math.max(1000, remaining()),
  });
  const runId = `bench${Date.now().toString(36)}`;
  const database = `bench_propagation_${runId}`;
  const prefix = `${database}:`;
  run = { stack, database, prefix, runId };
  let regionalRedis;
  try {
    log(`database ${database}, Redis key prefix ${prefix}`);
    const topology = await startTopology(run, remaining);
    regionalRedis = await connectRedis({ eu: stack['redis-eu'], us: stack['redis-us'] });
    await warmUp(topology, runId);
    const context = { ...topology, regionalRedis, runId, prefix };

    log('baseline: direct upstream');
    const baseline = await measureBaseline(topology.upstreamUrl);
    log(`config propagation: ${settings.changes} changes`);
    const propagation = await measurePropagation(context, settings);
    log(`key back-fill: ${settings.keys} keys`);
    const backfill = await measureBackfill(context, settings);

    const report = buildReport(settings, { baseline, propagation, backfill });
    const outFile = writeResult(report);
    printReport(report);
    console.log(`\nwritten to ${outFile}`);
    const failures = propagation.errors.length + backfill.errors.length;
    const incomplete = [propagation.eu, propagation.us, backfill.eu_first, backfill.us_first].some(
      (entry) => entry.failures + entry.not_run > 0,
    );
    if (failures || incomplete) process.exitCode = 1;
  } finally {
    log('stopping the processes');
    await stopAll();
    await cleanUp(run);
    for (const redis of Object.values(regionalRedis ?? {})) redis.disconnect();
  }
}

runGuarded(main, { startedAt, maxSeconds: settings.maxSeconds, cleanUp: () => run && cleanUp(run) });
