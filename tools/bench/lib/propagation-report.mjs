// The propagation benchmark's result: the report written to its result file, and the table and
// comparisons printed from it.
import { BASELINE_REQUESTS } from './config-propagation.mjs';
import { reportHeader } from './results.mjs';
import { round } from './stats.mjs';
import { printTable } from './table.mjs';

// The reference point for cross-region propagation: Tyk MDCB's default key-space sync interval.
const TYK_KEY_SPACE_SYNC_MS = 10_000;

export function buildReport(settings, { baseline, propagation, backfill }) {
  const usP99 = propagation.us.p99_ms;
  return {
    ...reportHeader('propagation'),
    settings: {
      changes: settings.changes,
      keys: settings.keys,
      baseline_requests: BASELINE_REQUESTS,
      timeout_ms_per_change: settings.timeoutMs,
      poll_ms: settings.pollMs,
      key_region_order: 'alternating (even keys eu first, odd keys us first)',
      max_seconds: settings.maxSeconds,
    },
    topology:
      'loopback: dashboard, 1 bridge, hybrid gateway eu (redis-eu) and us (redis-us); eu is the control plane region; app settings at their defaults',
    scenarios: { baseline, propagation, backfill },
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

export function printReport(report) {
  const { baseline, propagation, backfill } = report.scenarios;
  const direct = baseline.p50_ms;
  const ratio = (value) => (Number.isFinite(value) && direct ? `${(value / direct).toFixed(1)}x` : '-');
  const rows = [
    ['direct upstream (baseline)', baseline],
    ['dashboard POST /apis answer', propagation.write],
    ['config -> eu gateway (same)', propagation.eu],
    ['config -> us gateway (other)', propagation.us],
    ['key 1st req eu (back-fill)', backfill.eu_first],
    ['key 2nd req eu (cached)', backfill.eu_cached],
    ['key 1st req us (back-fill)', backfill.us_first],
    ['key 2nd req us (cached)', backfill.us_cached],
  ];
  printTable(
    [
      ['scenario', 30],
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
  const errors = [...propagation.errors, ...backfill.errors];
  if (errors.length) {
    console.log(`\n${errors.length} failure(s):`);
    for (const error of errors.slice(0, 20)) console.log(`  ${error}`);
  }
}
