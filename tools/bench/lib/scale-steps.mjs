// The scale benchmark's measurements of config writes on a gateway already serving many APIs: the
// key-cache hit ratio across unrelated writes, one API change under load, a reload under load, and
// adding APIs one by one. Each step is time-boxed by `ctx.stepTimeoutMs` and reports what it got done.
//
// `ctx`: { base, child (the gateway, started with LOOP_STALL_PROBE), n (APIs api-0..api-(n-1)),
// upstreamUrl, dir (for scripts), connections, durationS, stepTimeoutMs } and what each step names.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { request } from 'undici';

import { runBounded, tyk } from './gateway-admin.mjs';
import { hitRatio, keyCacheCounts, loopStallMs, promEventLoopMaxMs } from './gateway-probes.mjs';
import { finishLoad, runLoad, startLoad, writePairsScript } from './random-pairs-load.mjs';
import { percentile } from './stats.mjs';
import { apiDefinition } from './standalone-gateway.mjs';

/** Gateway API writes in flight at once when a step makes many. */
export const WRITE_CONCURRENCY = 16;
const UNRELATED_WRITES = 100;
const CHANGE_HEADER = 'x-bench-change';
/** API changes measured under load. */
const CHANGES = 5;

const metricsUrl = (ctx) => `${ctx.base}/metrics`;
const definition = (ctx, id) => apiDefinition(ctx.upstreamUrl, { id, keyless: false, track: true });
/** A wrk run that lasts until interrupted, bounded anyway by the step's time-out. */
const openEnded = (ctx, script) => ({
  script,
  connections: ctx.connections,
  durationS: ctx.durationS + ctx.stepTimeoutMs / 1000 + 5,
});

async function cacheWindow(ctx, load) {
  const before = await keyCacheCounts(metricsUrl(ctx));
  const run = await runLoad(ctx.base, load);
  const after = await keyCacheCounts(metricsUrl(ctx));
  return {
    hit_ratio: hitRatio(before, after),
    misses: after.miss - before.miss,
    rps: run.rps,
    failed: run.failed,
  };
}

/**
 * The key-cache hit ratio over a warm window of `ctx.durationS` over `ctx.pairs` (keys of APIs below
 * api-`ctx.firstUnrelated`), before and right after 100 PUTs of APIs from api-`ctx.firstUnrelated` on,
 * which those keys do not use. Run on a gateway whose cache entries outlive the step, so an entry
 * missing afterwards was dropped by a write, not by its time-out.
 */
export async function hitRatioAcrossWrites(ctx) {
  const { n, firstUnrelated } = ctx;
  const script = writePairsScript(ctx.dir, 'hot-keys', ctx.pairs);
  const load = { script, connections: ctx.connections, durationS: ctx.durationS };
  await runLoad(ctx.base, load);
  const before = await cacheWindow(ctx, load);
  const writes = await runBounded(
    UNRELATED_WRITES,
    WRITE_CONCURRENCY,
    (w, signal) => {
      const id = `api-${firstUnrelated + (w % (n - firstUnrelated))}`;
      return tyk(
        ctx.base,
        'PUT',
        `/tyk/apis/${id}`,
        { ...definition(ctx, id), name: `${id} w${w}` },
        { signal },
      );
    },
    { deadline: performance.now() + ctx.stepTimeoutMs },
  );
  const after = await cacheWindow(ctx, load);
  return { hot_keys: ctx.pairs.length, writes, before, after };
}

/** Polls `url` with `token` until the change header reads `expected`; ms since `t0`, or undefined. */
async function firstSeen(url, token, expected, { t0, timeoutMs }) {
  while (performance.now() - t0 < timeoutMs) {
    try {
      const response = await request(url, { headers: { authorization: token } });
      await response.body.dump();
      if (response.headers[CHANGE_HEADER] === expected) return Math.round((performance.now() - t0) * 10) / 10;
    } catch {
      // a refused or reset connection counts as not yet
    }
    await sleep(2);
  }
  return undefined;
}

/**
 * PUT /tyk/apis/<id> of api-(n-1) with a new response header value: milliseconds until a request with
 * `ctx.tokens[n-1]` (a key of that API) carries it, and the PUT's own time.
 */
async function oneChange(ctx, serial) {
  const id = `api-${ctx.n - 1}`;
  const tag = `change-${Date.now()}-${serial}`;
  const changed = {
    ...definition(ctx, id),
    version_data: {
      not_versioned: true,
      versions: { Default: { name: 'Default', global_response_headers: { [CHANGE_HEADER]: tag } } },
    },
  };
  const t0 = performance.now();
  const put = tyk(ctx.base, 'PUT', `/tyk/apis/${id}`, changed, {
    signal: AbortSignal.timeout(ctx.stepTimeoutMs),
  }).then(
    () => ({ ms: Math.round(performance.now() - t0) }),
    (error) => ({ error: error.message }),
  );
  const visibleMs = await firstSeen(`${ctx.base}/${id}/`, ctx.tokens[ctx.n - 1], tag, {
    t0,
    timeoutMs: ctx.stepTimeoutMs,
  });
  const putResult = await put;
  return { visible_ms: visibleMs ?? null, put_ms: putResult.ms ?? null, put_error: putResult.error };
}

/**
 * A steady window of `ctx.script` (random pairs over all keys), then the same load while api-(n-1) is
 * changed CHANGES times, a second apart (one sample of a figure this noisy says little): each change's
 * visibility (see oneChange) and their median, and, from the first PUT to the end of the window (at
 * least as long as the steady one), the longest event-loop stall and wrk's report.
 */
export async function changeUnderLoad(ctx) {
  const steady = await runLoad(ctx.base, {
    script: ctx.script,
    connections: ctx.connections,
    durationS: ctx.durationS,
  });
  const load = startLoad(ctx.base, openEnded(ctx, ctx.script));
  await sleep(1000);
  await loopStallMs(ctx.child);
  const changes = [];
  for (let serial = 0; serial < CHANGES; serial++) {
    if (serial > 0) await sleep(1000);
    changes.push(await oneChange(ctx, serial));
  }
  // The stall is watched to the end of the window: work a change sets off may come after it is visible.
  const during = await finishLoad(load, { minS: ctx.durationS });
  const stallMs = await loopStallMs(ctx.child, ctx.stepTimeoutMs);
  const seen = changes.map((one) => one.visible_ms).filter((ms) => ms !== null);
  return {
    api: `api-${ctx.n - 1}`,
    changes,
    visible_median_ms: seen.length === changes.length ? percentile(seen, 50) : null,
    stall_ms: stallMs,
    steady,
    during,
  };
}

/**
 * GET /tyk/reload/?block=true while `script` (default: ctx.script) runs: its duration and, from the call
 * to the end of the window, the longest event-loop stall and wrk's report. With `editAll`, every API file
 * is rewritten first, within the measured time (the gateway's folder watch starts a reload of its own as
 * well). First, on the same load without a reload, a reference window as long as the measured one will
 * be at least: the longest stall the load alone causes (`steady_stall_ms`).
 */
export async function reloadUnderLoad(ctx, { editAll = false, script = ctx.script } = {}) {
  const steadyStallMs = await stallOfLoad(ctx, script, ctx.durationS - 1);
  const load = startLoad(ctx.base, openEnded(ctx, script));
  await sleep(1000);
  await loopStallMs(ctx.child);
  const t0 = performance.now();
  let error;
  try {
    if (editAll) await editEveryApiFile(ctx);
    await tyk(ctx.base, 'GET', '/tyk/reload/?block=true', undefined, {
      signal: AbortSignal.timeout(ctx.stepTimeoutMs),
    });
  } catch (failure) {
    error = failure.message;
  }
  const reloadMs = Math.round(performance.now() - t0);
  const during = await finishLoad(load, { minS: ctx.durationS });
  const stallMs = await loopStallMs(ctx.child, ctx.stepTimeoutMs);
  return { reload_ms: reloadMs, error, stall_ms: stallMs, steady_stall_ms: steadyStallMs, during };
}

/** The longest event-loop stall over `seconds` of `script`'s load, after a second to settle. */
async function stallOfLoad(ctx, script, seconds) {
  const load = startLoad(ctx.base, openEnded(ctx, script));
  await sleep(1000);
  await loopStallMs(ctx.child);
  await sleep(seconds * 1000);
  const stallMs = await loopStallMs(ctx.child, ctx.stepTimeoutMs);
  await finishLoad(load, { minS: 0, afterMs: 0 });
  return stallMs;
}

/**
 * Rewrites every API file with a new name, as a deploy tool replacing all definitions would: nothing
 * compiled before can be reused, and the gateway's folder watch sees a burst of 10,000 edits.
 */
async function editEveryApiFile(ctx) {
  const folder = join(ctx.dir, 'apps');
  const files = (await readdir(folder)).filter((name) => name.endsWith('.json'));
  for (let at = 0; at < files.length; at += 64) {
    await Promise.all(
      files.slice(at, at + 64).map(async (name) => {
        const file = join(folder, name);
        const document = JSON.parse(await readFile(file, 'utf8'));
        await writeFile(file, JSON.stringify({ ...document, name: `${document.name} (edited)` }));
      }),
    );
  }
}

/**
 * POST /tyk/apis `count` new APIs (api-n onwards), 16 at a time, without load: the time and the longest
 * event-loop stall, and prom-client's figure for the same stretch (scraped before and after it).
 */
export async function addApis(ctx, count) {
  await promEventLoopMaxMs(metricsUrl(ctx));
  await loopStallMs(ctx.child);
  const run = await runBounded(
    count,
    WRITE_CONCURRENCY,
    (i, signal) => tyk(ctx.base, 'POST', '/tyk/apis', definition(ctx, `api-${ctx.n + i}`), { signal }),
    { deadline: performance.now() + ctx.stepTimeoutMs },
  );
  const stallMs = await loopStallMs(ctx.child, ctx.stepTimeoutMs);
  return {
    count,
    ...run,
    stall_ms: stallMs,
    prom_eventloop_lag_max_ms: await promEventLoopMaxMs(metricsUrl(ctx)),
  };
}
