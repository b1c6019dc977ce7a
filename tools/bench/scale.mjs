#!/usr/bin/env node
// Scale benchmark: `npm run bench:scale [-- --apis 10,1000,10000 --keys 100000 --duration 6
// --connections 50 --quick --no-build]`.
// One standalone gateway process on loopback (its own Redis, the bench upstream, load from wrk), keyed
// APIs (auth token + rate limit + quota + analytics, as the 'keyed' API of bench:gateway). Measures, in
// one invocation:
//   1. rps and p99 over random (API, key) pairs for each N of --apis: N API files written before the
//      gateway starts, --keys keys made through POST /tyk/keys/create (32 in flight), key i allowed on
//      api-(i mod N) only; a wrk Lua script sends each request to a random key's API with its token.
//      The same script straight to the upstream is the baseline. All N gateways stay up and are loaded
//      in turn, --rounds times (best round kept for the table), so a busy moment on the machine does not
//      land on one N only; the floor compares the largest and smallest N round by round (the median of
//      the per-round quotients), and the table every N's best with the baseline and the smallest N. Also each gateway's
//      RSS after the rounds and its longest event-loop stall during its best round.
//   2. at the largest N: five API changes (PUT /tyk/apis/<id>) under load: time until visible, failed
//      requests, p99 during vs steady; adding 1,000 APIs by POST /tyk/apis, 16 at a time; then, with
//      those N + 1,000 APIs, GET /tyk/reload/?block=true with the files as they are and after every one
//      was rewritten, each under full load and under a paced load at half the measured rps (each beside
//      the stall of the same load without a reload); the longest event-loop stall of each, measured inside the gateway
//      by a preloaded timer (lib/loop-stall-probe.cjs: prom-client's nodejs_eventloop_lag_max_seconds
//      misses stalls on Node 20, and scraping /metrics at 10,000 APIs stalls the gateway). Then, on a
//      gateway of its own whose key cache never expires during the step (so only a write can empty
//      it): the key-cache hit ratio over 1,000 keys before and after 100 unrelated API writes.
//   3. RSS with 1,000 APIs + 20,000 keys (--rss-case), from step 1 when it ran that case, else on a
//      gateway of its own.
// Prints the tables with the team's floors (PASS/FAIL, never an exit code) and writes
// tools/bench/results/scale-<timestamp>.json. Every step is time-boxed (--step-timeout seconds, 180)
// and reported as timed out when it runs over; the whole run by --max-seconds. A benchmark, not a test.
// --quick: 10,200 APIs, 2,000 keys, 3 s runs, RSS case 200 + 2,000, for smoke runs. --no-build runs
// the bundle in dist as it is.
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { flag, option, positive } from './lib/cli.mjs';
import { loopStallMs, rssMb } from './lib/gateway-probes.mjs';
import { KEY_CONCURRENCY, startLoadedGateway, STOP_GRACE_MS } from './lib/loaded-gateway.mjs';
import { ensureTools } from './lib/load-tools.mjs';
import { log } from './lib/log.mjs';
import { runGuarded, startUpstream, stop, stopAll, waitHealthy } from './lib/processes.mjs';
import { pacedScript, runLoad, writePairsScript } from './lib/random-pairs-load.mjs';
import { appBundle, buildApps } from './lib/repo.mjs';
import { reportHeader, writeResult } from './lib/results.mjs';
import { judgeFloors, printReport } from './lib/scale-report.mjs';
import { addApis, changeUnderLoad, hitRatioAcrossWrites, reloadUnderLoad } from './lib/scale-steps.mjs';
import { startPrivateRedis } from './lib/standalone-gateway.mjs';

const startedAt = Date.now();
const QUICK = flag('quick');
const counts = (text) => [...new Set(String(text).split(',').map(Number))].sort((a, b) => a - b);
const options = {
  apis: counts(option('apis', QUICK ? '10,200' : '10,1000,10000')),
  keys: positive('keys', 'BENCH_KEYS', QUICK ? 2000 : 100_000),
  durationS: positive('duration', 'BENCH_DURATION', QUICK ? 3 : 6),
  connections: positive('connections', 'BENCH_CONNECTIONS', 50),
  rounds: positive('rounds', 'BENCH_ROUNDS', 5),
  stepTimeoutMs: positive('step-timeout', 'BENCH_STEP_TIMEOUT', 180) * 1000,
  maxSeconds: positive('max-seconds', 'BENCH_MAX_SECONDS', QUICK ? 900 : 3600),
  rssCase: counts(option('rss-case', QUICK ? '200,2000' : '1000,20000')),
  quick: QUICK,
};
const ADDED_APIS = 1000;
/** The paced load's rate, as a share of the gateway's best measured rps (see pacedLoad). */
const PACED_SHARE = 0.5;
/** Keys in the hit-ratio windows: all of them stay cached between two of their requests. */
const HOT_KEYS = 1000;

const work = mkdtempSync(join(tmpdir(), 'gatehouse-bench-scale-'));
const cleanUp = () => rmSync(work, { recursive: true, force: true });
/** What every gateway of the run is started with (see main). */
let shared;

function checkOptions() {
  if (options.apis.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--apis: positive integers, e.g. 10,1000');
  if (options.keys < options.apis.at(-1))
    throw new Error(
      `--keys (${options.keys}) must be at least the largest --apis (${options.apis.at(-1)}): every API needs a key`,
    );
  if (options.rssCase.length !== 2) throw new Error('--rss-case: <apis>,<keys>, e.g. 1000,20000');
}

/** Runs `step` and records its result, or its error, so one failing step does not end the run. */
async function attempt(name, step) {
  log(name);
  try {
    return await step();
  } catch (error) {
    log(`${name} failed: ${error.message}`);
    return { error: error.message.slice(0, 300) };
  }
}

const load = (url, script) =>
  runLoad(url, { script, connections: options.connections, durationS: options.durationS });

/** A gateway with `n` APIs and `keyCount` keys, its random-pairs script written and run once unmeasured. */
async function loadScale(n, keyCount) {
  const dir = join(work, `n${n}-k${keyCount}`);
  const timeoutMs = options.stepTimeoutMs;
  const gateway = await startLoadedGateway(`gateway (${n} APIs)`, { ...shared, dir, n, keyCount, timeoutMs });
  const pairs = gateway.tokens.map((token, i) => [`/api-${i % n}/`, token]);
  const script = writePairsScript(dir, 'pairs', pairs);
  // Not measured: connections, JIT and the key cache settle first.
  await load(gateway.base, script);
  return { n, keys: keyCount, dir, gateway, script, row: { n, keys: keyCount, ...gateway.load, rounds: [] } };
}

/**
 * One measured run of `scale`, with the longest event-loop stall during it. The other gateways are
 * paused (SIGSTOP) meanwhile: idle after a load of their own, they still collect garbage for seconds
 * (V8's memory reducer; 170 ms of GC in 13 idle seconds on a 10,000-API gateway), and on two cores
 * that landed on whichever gateway was measured next.
 */
async function measureRound(scale, scales = [scale]) {
  const others = scales.filter((other) => other !== scale).map((other) => other.gateway.child);
  for (const other of others) other.kill('SIGSTOP');
  try {
    await loopStallMs(scale.gateway.child);
    const run = await load(scale.gateway.base, scale.script);
    return { ...run, stall_ms: await loopStallMs(scale.gateway.child) };
  } finally {
    for (const other of others) other.kill('SIGCONT');
  }
}

const best = (runs) => runs.reduce((a, b) => (b.rps > a.rps ? b : a), runs[0]);

/**
 * Loads every scale in turn, round after round, with the direct baseline first in each round. The
 * order of the scales turns by one each round, so that no N is always measured right after the same
 * other process (the one loaded just before leaves its state in the shared Redis and caches).
 */
async function throughputRounds(scales, upstreamUrl) {
  const baselines = [];
  for (let round = 1; round <= options.rounds; round++) {
    const turn = (round - 1) % scales.length;
    const order = [...scales.slice(turn), ...scales.slice(0, turn)];
    log(
      `round ${round} of ${options.rounds}: direct upstream, then ${order.map((s) => s.n).join(', ')} APIs`,
    );
    baselines.push(await load(upstreamUrl, scales[0].script));
    for (const scale of order) scale.row.rounds.push(await measureRound(scale, scales));
  }
  for (const scale of scales) {
    Object.assign(scale.row, { load: best(scale.row.rounds), rss_mb: rssMb(scale.gateway.child.pid) });
    scale.row.stall_ms = scale.row.load.stall_ms;
  }
  return { ...best(baselines), rounds_rps: baselines.map((run) => run.rps) };
}

/**
 * A load at PACED_SHARE of `scale`'s best measured rps: each connection waits between a response and
 * its next request. At full load a 2-core machine's event loop runs one long turn after another (the
 * load alone stalled it 20-33 ms in some windows of earlier runs, with no change at all), which hides
 * what a reload itself costs; below capacity the loop has idle moments, and a stall is the gateway's.
 */
function pacedLoad(scale) {
  const targetRps = scale.row.load.rps * PACED_SHARE;
  const delayMs = Math.max(1, Math.round((options.connections * 1000) / targetRps));
  return { script: pacedScript(scale.script, delayMs), delay_ms: delayMs, target_rps: Math.round(targetRps) };
}

/**
 * The write steps on the largest scale's gateway, the others stopped so that they cost nothing. Adding
 * APIs comes before the reloads: a full build leaves 10,000 compiled APIs' worth of garbage, whose
 * collection would land in whatever step came next. The reloads then serve n + ADDED_APIS APIs.
 */
async function writeSteps(scale) {
  const { n, script, dir } = scale;
  const ctx = { ...options, ...scale.gateway, n, script, dir, upstreamUrl: shared.upstreamUrl };
  const paced = pacedLoad(scale);
  const reload = (label, settings) =>
    attempt(`${n + ADDED_APIS} APIs: ${label}`, () => reloadUnderLoad(ctx, settings));
  return {
    change: await attempt(`${n} APIs: one API change under load`, () => changeUnderLoad(ctx)),
    add: await attempt(`${n} APIs: adding ${ADDED_APIS} APIs`, () => addApis(ctx, ADDED_APIS)),
    apis_at_reload: n + ADDED_APIS,
    paced_load: { delay_ms: paced.delay_ms, target_rps: paced.target_rps, share: PACED_SHARE },
    reload: await reload('reload under full load'),
    reload_paced: await reload('reload under paced load', { script: paced.script }),
    reload_edited: await reload('every API file edited, then reload, under full load', { editAll: true }),
    reload_edited_paced: await reload('every API file edited, then reload, under paced load', {
      editAll: true,
      script: paced.script,
    }),
  };
}

/**
 * The key-cache hit ratio across 100 unrelated API writes at `n` APIs, on a gateway of its own whose
 * cache entries outlive the step (so only a write can drop one), with 1,000 keys of the lower half.
 */
async function measureHitRatio(n) {
  const firstUnrelated = Math.floor(n / 2);
  if (firstUnrelated < 1) return { skipped: 'needs at least 2 APIs' };
  const apiOf = (i) => `api-${i % firstUnrelated}`;
  const dir = join(work, `hit-ratio-n${n}`);
  const gateway = await startLoadedGateway(`gateway (hit ratio, ${n} APIs)`, {
    ...shared,
    dir,
    n,
    keyCount: HOT_KEYS,
    apiOf,
    timeoutMs: options.stepTimeoutMs,
    env: { GATEHOUSE_GATEWAY_LOCAL_SESSION_CACHE_CACHED_SESSION_TIMEOUT: '3600' },
  });
  try {
    const pairs = gateway.tokens.map((token, i) => [`/${apiOf(i)}/`, token]);
    const ctx = { ...options, ...gateway, n, upstreamUrl: shared.upstreamUrl, dir, pairs, firstUnrelated };
    return await hitRatioAcrossWrites(ctx);
  } finally {
    await stop(gateway.child, STOP_GRACE_MS);
  }
}

/** RSS with the --rss-case APIs and keys after a measured run: from the rounds when they had it. */
async function measureRssCase(scales) {
  const [apis, keys] = options.rssCase;
  const same = scales.find((scale) => scale.n === apis && scale.keys === keys);
  if (same) return { apis, keys, rss_mb: same.row.rss_mb, from: 'the throughput rounds' };
  const result = await attempt(`RSS case: ${apis} APIs + ${keys} keys`, async () => {
    const scale = await loadScale(apis, keys);
    try {
      const run = await measureRound(scale);
      return { rss_mb: rssMb(scale.gateway.child.pid), load: run };
    } finally {
      await stop(scale.gateway.child, STOP_GRACE_MS);
    }
  });
  return { apis, keys, from: 'a gateway of its own', ...result };
}

/**
 * Copies the built gateway into the run's folder, so that a rebuild while the run goes on (the team
 * rebuilds often) cannot mix two builds in one report; returns when dist's bundle was built.
 */
function pinBundle() {
  const bundle = join(work, 'gateway-main.js');
  copyFileSync(appBundle('gateway'), bundle);
  return { bundle, builtAt: statSync(appBundle('gateway')).mtime.toISOString() };
}

async function main() {
  checkOptions();
  ensureTools();
  buildApps(['gateway'], { rebuild: !flag('no-build') });
  const { bundle, builtAt } = pinBundle();
  log(`gateway bundle built at ${builtAt}`);
  log('starting a Redis of its own and the upstream');
  const redisUrl = await startPrivateRedis(work);
  const upstream = await startUpstream();
  await waitHealthy(upstream.child, `${upstream.url}/`);
  shared = { redisUrl, upstreamUrl: upstream.url, bundle };

  const failed = [];
  const scales = [];
  for (const n of options.apis) {
    const scale = await attempt(`${n} APIs, ${options.keys} keys`, () => loadScale(n, options.keys));
    if (scale.error) failed.push({ n, keys: options.keys, error: scale.error });
    else scales.push(scale);
  }
  const baseline = scales.length ? await throughputRounds(scales, upstream.url) : null;
  const largest = scales.at(-1);
  for (const scale of scales.slice(0, -1)) await stop(scale.gateway.child, STOP_GRACE_MS);
  const steps = largest ? await writeSteps(largest) : {};
  if (largest) await stop(largest.gateway.child, STOP_GRACE_MS);
  const rssCase = await measureRssCase(scales);
  if (largest)
    steps.hit_ratio = await attempt(`${largest.n} APIs: key-cache hit ratio across 100 API writes`, () =>
      measureHitRatio(largest.n),
    );

  const rows = [...scales.map((scale) => scale.row), ...failed].sort((a, b) => a.n - b.n);
  const report = {
    ...reportHeader('scale'),
    gateway_bundle_built_at: builtAt,
    options: { ...options, wrk: { threads: 1 }, key_concurrency: KEY_CONCURRENCY },
    baseline,
    scales: rows,
    writes_at: largest?.n,
    steps,
    rss_case: rssCase,
  };
  report.floors = judgeFloors({ scales: rows, steps, rssCase, options });
  const outFile = writeResult(report);
  printReport(report);
  console.log(`\nwritten to ${outFile}`);
}

runGuarded(
  () =>
    main().finally(async () => {
      await stopAll(STOP_GRACE_MS);
      cleanUp();
    }),
  { startedAt, maxSeconds: options.maxSeconds, cleanUp },
);
