// The propagation benchmark's result: the report written to its result file, and the table and
// comparisons printed from it.
import { BASELINE_REQUESTS } from './config-propagation.mjs';
import { reportHeader } from './results.mjs';
import { round } from './stats.mjs';
import { printTable } from './table.mjs';

// The reference point for cross-region propagation: Tyk MDCB's default key-space sync interval.
const TYK_KEY_SPACE_SYNC_MS = 10_000;
/** The team's floors: config p99 at FLOOR_APIS existing APIs within 2x the p99 with a handful of APIs. */
export const FLOOR_APIS = 10_000;
const HANDFUL_P99_MS = 98;
const P99_FACTOR = 2;

/** PASS or FAIL; in parentheses when the run is smaller than the floor's scale. */
const verdict = (pass, atScale) => {
  const word = pass ? 'PASS' : 'FAIL';
  return atScale ? word : `(${word})`;
};

/** The floors as rows { floor, measured, target, verdict }. */
function judgeFloors(existing, { propagation, keyCache }) {
  const atScale = existing >= FLOOR_APIS;
  const target = HANDFUL_P99_MS * P99_FACTOR;
  const rows = [];
  for (const region of ['eu', 'us']) {
    const entry = propagation[region];
    const complete = entry.failures + entry.not_run === 0;
    rows.push({
      floor: `config p99 -> ${region} at ${FLOOR_APIS.toLocaleString('en-GB')} existing APIs`,
      measured: `${entry.p99_ms ?? '-'} ms at ${existing}`,
      target: `<= ${target} ms (${P99_FACTOR}x ${HANDFUL_P99_MS})`,
      verdict: verdict(complete && entry.p99_ms !== null && entry.p99_ms <= target, atScale),
    });
  }
  const moved = keyCache.moved;
  const sum = (name) =>
    moved
      ? Object.entries(moved)
          .map(([region, delta]) => `${region} ${delta[name]}`)
          .join(', ')
      : '-';
  const zero = (name) => (moved ? Object.values(moved).every((delta) => delta[name] === 0) : false);
  rows.push(
    {
      floor: 'key cache cleared by API writes',
      measured: sum('clear'),
      target: '0',
      verdict: verdict(zero('clear'), true),
    },
    {
      floor: 'policy evictions by API writes',
      measured: sum('policy'),
      target: '0',
      verdict: verdict(zero('policy'), true),
    },
    {
      floor: 'warmed keys missed after API writes',
      measured: sum('miss'),
      target: '0',
      verdict: verdict(zero('miss') && keyCache.errors.length === 0, true),
    },
  );
  return rows;
}

export function buildReport(
  settings,
  { builtAt, seeding, initialSync, baseline, propagation, keyCache, backfill },
) {
  const usP99 = propagation.us.p99_ms;
  return {
    ...reportHeader('propagation'),
    settings: {
      existing_apis: settings.existingApis,
      seed_seconds: settings.seedSeconds,
      seed_max_batch: settings.seedBatch,
      seed_concurrency: settings.seedConcurrency,
      changes: settings.changes,
      keys: settings.keys,
      cached_keys: settings.cachedKeys,
      baseline_requests: BASELINE_REQUESTS,
      timeout_ms_per_change: settings.timeoutMs,
      poll_ms: settings.pollMs,
      key_region_order: 'alternating (even keys eu first, odd keys us first)',
      max_seconds: settings.maxSeconds,
    },
    topology:
      'loopback: dashboard, 1 bridge, hybrid gateway eu (redis-eu) and us (redis-us); eu is the control plane region; ' +
      `app settings at their defaults except the gateways' key-cache TTL (${settings.keyCacheTtlS} s, so that only an eviction can make a warmed key miss)` +
      (seeding ? " and, for seeding, the dashboard's write rate and burst (see scenarios.seeding)" : ''),
    bundles_built_at: builtAt,
    scenarios: {
      seeding,
      initial_sync: initialSync,
      baseline,
      propagation,
      key_cache_during_propagation: keyCache,
      backfill,
    },
    existing_apis_stored: seeding?.apis ?? 0,
    floors: judgeFloors(seeding?.apis ?? 0, { propagation, keyCache }),
    ratios: {
      config_eu_p50_to_direct_p50: round(propagation.eu.p50_ms / baseline.p50_ms),
      config_us_p50_to_direct_p50: round(propagation.us.p50_ms / baseline.p50_ms),
      config_us_p99_to_direct_p50: round(usP99 / baseline.p50_ms),
      key_first_to_cached_p50_eu: round(backfill.eu_first.p50_ms / backfill.eu_cached.p50_ms),
      key_first_to_cached_p99_eu: round(backfill.eu_first.p99_ms / backfill.eu_cached.p99_ms),
      key_first_to_cached_p50_us: round(backfill.us_first.p50_ms / backfill.us_cached.p50_ms),
      key_first_to_cached_p99_us: round(backfill.us_first.p99_ms / backfill.us_cached.p99_ms),
    },
    reference: {
      tyk_mdcb_key_space_sync_interval_ms: TYK_KEY_SPACE_SYNC_MS,
      note: 'Tyk MDCB key-space sync polls every 10 s by default (slave_options.key_space_sync_interval)',
      config_us_p99_to_tyk_interval: Number.isFinite(usP99)
        ? Math.round((usP99 / TYK_KEY_SPACE_SYNC_MS) * 10000) / 10000
        : null,
    },
  };
}

/** The seeding, each gateway's start and key-cache deltas, and the floors. */
function printExistingApis(report) {
  const { seeding, initial_sync: sync, key_cache_during_propagation: keyCache } = report.scenarios;
  const existing = report.existing_apis_stored;
  console.log(`\nexisting APIs: ${existing} of the ${report.settings.existing_apis} asked for`);
  if (seeding)
    console.log(
      `seeding: ${seeding.apis} APIs in ${seeding.seconds} s (${seeding.apis_per_second} APIs/s)${seeding.complete ? '' : `, stopped at --seed-seconds ${report.settings.seed_seconds}`}, through ${seeding.path}, ` +
        `${seeding.imports} imports of <= ${seeding.max_batch}, ${seeding.concurrency} at a time, ${seeding.busy_retries} busy retries, the last at ${seeding.last_import_ms_per_api} ms per API; ` +
        `write rate raised for it (at the default 20/s, bursts of 200, the same imports would wait ${seeding.rate_wait_seconds_at_default_limits} s more)`,
    );
  const moved = keyCache.moved ?? {};
  printTable(
    [
      ['gateway', 8],
      ['healthy ms', 10],
      ['1st seeded API ms', 17],
      ['seeded sampled', 14],
      ['clear d', 7],
      ['policy d', 8],
      ['key d', 5],
      ['miss d', 6],
      ['hit d', 5],
    ],
    Object.entries(sync).map(([region, entry]) => [
      region,
      entry.healthy_ms,
      entry.first_seeded_api_ms,
      entry.sampled ? `${entry.sampled_served}/${entry.sampled}` : '-',
      moved[region]?.clear,
      moved[region]?.policy,
      moved[region]?.key,
      moved[region]?.miss,
      moved[region]?.hit,
    ]),
  );
  console.log(
    `(times from each gateway's spawn; d = change of its key-cache counters over the propagation phase, ${keyCache.keys} warmed keys each used again after it)`,
  );
  printTable(
    [
      ['floor', 42],
      ['measured', 20],
      ['target', 22],
      ['verdict', 7],
    ],
    report.floors.map((row) => [row.floor, row.measured, row.target, row.verdict]),
  );
  if (existing < FLOOR_APIS)
    console.log(`Verdicts in parentheses: this run has fewer than ${FLOOR_APIS} existing APIs.`);
}

export function printReport(report) {
  const { baseline, propagation, backfill } = report.scenarios;
  const direct = baseline.p50_ms;
  const ratio = (value) => (Number.isFinite(value) && direct ? `${(value / direct).toFixed(1)}x` : '-');
  const rows = [
    ['direct upstream (baseline)', baseline],
    ['dashboard POST /apis answer', propagation.write],
    ['config -> eu gateway (same)', propagation.eu],
    ['config -> us gateway (other)', propagation.us],
    ['  eu after the dashboard answer', propagation.eu_after_answer],
    ['  us after the dashboard answer', propagation.us_after_answer],
    ['key 1st req eu (back-fill)', backfill.eu_first],
    ['key 2nd req eu (cached)', backfill.eu_cached],
    ['key 1st req us (back-fill)', backfill.us_first],
    ['key 2nd req us (cached)', backfill.us_cached],
  ];
  printTable(
    [
      ['scenario', 32],
      ['n', 4],
      ['fail', 4],
      ['skip', 4],
      ['p50 ms', 9],
      ['p99 ms', 9],
      ['max ms', 9],
      ['p50/direct', 10],
    ],
    rows.map(([name, entry]) => [
      name,
      entry.n,
      entry.failures,
      entry.not_run,
      entry.p50_ms,
      entry.p99_ms,
      entry.max_ms,
      ratio(entry.p50_ms),
    ]),
  );
  console.log(`\nbaseline: direct upstream p50 ${direct} ms over ${baseline.n} requests`);
  for (const region of ['eu', 'us']) {
    const entry = propagation[region];
    console.log(
      `config -> ${region}: p50 ${ratio(entry.p50_ms)}, p99 ${ratio(entry.p99_ms)}, max ${ratio(entry.max_ms)} the direct p50`,
    );
  }
  for (const region of ['eu', 'us']) {
    const firstEntry = backfill[`${region}_first`];
    const cachedEntry = backfill[`${region}_cached`];
    const times = (a, b) => (Number.isFinite(a) && b ? `${(a / b).toFixed(1)}x` : '-');
    console.log(
      `key back-fill ${region}: first/cached p50 ${times(firstEntry.p50_ms, cachedEntry.p50_ms)}, p99 ${times(firstEntry.p99_ms, cachedEntry.p99_ms)}`,
    );
  }
  const usP99 = propagation.us.p99_ms;
  console.log(
    `Tyk MDCB key-space sync polls every 10 s by default (${TYK_KEY_SPACE_SYNC_MS} ms): our cross-region (us) config p99 ${usP99 ?? '-'} ms = ${Number.isFinite(usP99) ? (usP99 / TYK_KEY_SPACE_SYNC_MS).toFixed(4) : '-'} x ${TYK_KEY_SPACE_SYNC_MS} ms`,
  );
  const firstRequests = backfill.keys_created * 2;
  console.log(
    `regional Redis: ${backfill.regional_hits_before_first_request} of ${firstRequests} keys were there before the first request (want 0), ${backfill.backfilled_copies_after_first_request} of ${firstRequests} were back-filled after it (want ${firstRequests})`,
  );
  printExistingApis(report);
  const errors = [
    ...propagation.errors,
    ...report.scenarios.key_cache_during_propagation.errors.map((error) => `key cache: ${error}`),
    ...backfill.errors,
  ];
  if (errors.length) {
    console.log(`\n${errors.length} failure(s):`);
    for (const error of errors.slice(0, 20)) console.log(`  ${error}`);
  }
}
