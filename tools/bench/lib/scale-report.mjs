// The scale benchmark's floors (the targets the team must meet) judged against a run, and its tables.
// A missed floor is printed as FAIL, never turned into an exit code: this is a benchmark.
import { printTable } from './table.mjs';

/** The scale the floors are defined at; smaller runs show their verdicts in parentheses. */
export const FLOOR_SCALE = { smallApis: 10, apis: 10_000, keys: 100_000, rssApis: 1000, rssKeys: 20_000 };
/**
 * How far the hit ratio may drop across the writes and still count as unchanged: a write that empties
 * the cache costs 1,000 misses (one per hot key), 0.005 even at 200,000 requests per window.
 */
const HIT_RATIO_TOLERANCE = 0.001;

const verdict = (pass, atScale) => {
  const word = pass ? 'PASS' : 'FAIL';
  return atScale ? word : `(${word})`;
};
const seconds = (ms) => (ms === undefined ? undefined : (ms / 1000).toFixed(1));
const ratio = (a, b) => (a > 0 && b > 0 ? Math.round((a / b) * 100) / 100 : null);

/**
 * The rps of `large` over that of `small` in each round (both were loaded in it, one after the other),
 * and their median: a busy moment on the machine then lands on both sides of a quotient, or on one
 * round out of several, instead of on one best-of figure.
 */
function pairedRatio(large, small) {
  const count = Math.min(large.rounds.length, small.rounds.length);
  const each = Array.from({ length: count }, (_, i) => large.rounds[i].rps / small.rounds[i].rps);
  const sorted = [...each].sort((a, b) => a - b);
  const middle = Math.floor(count / 2);
  const median = count % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, each: each.map((value) => value.toFixed(2)) };
}

/** The floors as rows { floor, measured, target, verdict }; a step that failed or timed out fails. */
export function judgeFloors({ scales, steps, rssCase, options }) {
  const measured = scales.filter((row) => row.load);
  const smallest = measured[0];
  const largest = measured.at(-1);
  const atScale = largest?.n >= FLOOR_SCALE.apis && options.keys >= FLOOR_SCALE.keys;
  const n = largest?.n ?? '?';
  const rows = [];
  const add = (floor, text, target, pass, scaleOk = atScale) =>
    rows.push({ floor, measured: text, target, verdict: pass === undefined ? '-' : verdict(pass, scaleOk) });

  // Judged on the exact quotient, shown to three places: 0.898 is not 0.9.
  const throughput = largest && smallest && largest !== smallest ? pairedRatio(largest, smallest) : null;
  add(
    `rps(${n} APIs) / rps(${smallest?.n ?? '?'} APIs), median of rounds`,
    throughput === null ? 'n/a' : `${throughput.median.toFixed(3)} (${throughput.each.join(' ')})`,
    '>= 0.9',
    throughput === null ? undefined : throughput.median >= 0.9,
    atScale && smallest.n <= FLOOR_SCALE.smallApis,
  );

  const added = steps.add;
  if (added && !added.error) {
    const all = added.done === added.count;
    const time = all
      ? `${added.ms} ms`
      : `${added.done}/${added.count} in ${added.ms} ms${added.timed_out ? ' (timed out)' : ''}`;
    add(`add ${added.count} APIs at ${n}: time`, time, '< 5000 ms', all && added.ms < 5000);
    add(
      `add ${added.count} APIs at ${n}: longest stall`,
      `${added.stall_ms} ms`,
      '< 20 ms',
      added.stall_ms < 20,
    );
  } else add(`add APIs at ${n}`, added?.error ?? 'not run', '< 5000 ms', false);

  const change = steps.change;
  if (change && !change.error) {
    const seen = change.changes.map((one) => one.visible_ms);
    const visible = seen.includes(null)
      ? `${seen.filter((ms) => ms === null).length} of ${seen.length} never seen`
      : `${change.visible_median_ms} ms (max ${Math.max(...seen)})`;
    add(
      `one API change at ${n}: visible after, median of ${seen.length}`,
      visible,
      '< 50 ms',
      !seen.includes(null) && change.visible_median_ms < 50,
    );
    add(`one API change at ${n}: failed requests`, change.during.failed, '0', change.during.failed === 0);
    const p99 = `${change.during.p99_ms} vs ${change.steady.p99_ms} ms`;
    add(
      `one API change at ${n}: p99 during vs steady`,
      p99,
      '<= 2x',
      change.during.p99_ms <= 2 * change.steady.p99_ms,
    );
  } else add(`one API change at ${n}`, change?.error ?? 'not run', '< 50 ms', false);

  // The stall floor is judged under the paced load; under full load the load alone stalls the loop
  // about as long, so that figure is shown beside the load's own (see pacedLoad in scale.mjs).
  const served = steps.apis_at_reload ?? n;
  for (const [reload, label, judgeStall] of [
    [steps.reload_paced, `reload at ${served}, paced load`, true],
    [steps.reload, `reload at ${served}, full load`, false],
    [steps.reload_edited_paced, `all ${served} edited + reload, paced load`, true],
    [steps.reload_edited, `all ${served} edited + reload, full load`, false],
  ]) {
    if (reload && !reload.error) {
      add(`${label}: failed requests`, reload.during.failed, '0', reload.during.failed === 0);
      const stall = `${reload.stall_ms} ms (load alone ${reload.steady_stall_ms ?? '?'})`;
      if (judgeStall) add(`${label}: longest stall`, stall, '< 20 ms', reload.stall_ms < 20);
      else add(`${label}: longest stall`, stall, 'shown', undefined);
    } else add(label, reload?.error ?? 'not run', '0 failed', false);
  }

  const small = rssCase?.rss_mb;
  add(
    `RSS ${rssCase?.apis} APIs + ${rssCase?.keys} keys`,
    small === undefined ? (rssCase?.error ?? 'not run') : `${small} MB`,
    '< 200 MB',
    small === undefined ? false : small < 200,
    rssCase?.apis >= FLOOR_SCALE.rssApis && rssCase?.keys >= FLOOR_SCALE.rssKeys,
  );
  add(
    `RSS ${n} APIs + ${options.keys} keys`,
    largest ? `${largest.rss_mb} MB` : 'not run',
    '< 400 MB',
    largest ? largest.rss_mb < 400 : false,
  );

  const cache = steps.hit_ratio;
  if (cache && !cache.error && !cache.skipped) {
    const text = `${cache.before.hit_ratio} -> ${cache.after.hit_ratio}${cache.writes.done < 100 ? ` (${cache.writes.done} writes)` : ''}`;
    const pass =
      cache.writes.done === 100 && cache.after.hit_ratio >= cache.before.hit_ratio - HIT_RATIO_TOLERANCE;
    add(`key-cache hit ratio across 100 API writes`, text, `drop <= ${HIT_RATIO_TOLERANCE}`, pass);
  } else
    add(
      'key-cache hit ratio across 100 API writes',
      cache?.error ?? cache?.skipped ?? 'not run',
      'unchanged',
      false,
    );
  return rows;
}

/** Prints the throughput table, the write steps' details and the floors. */
export function printReport(report) {
  const { baseline, scales, steps, floors } = report;
  const smallestRps = scales.find((row) => row.load)?.load.rps;
  printTable(
    [
      ['scenario', 16],
      ['APIs', 6],
      ['keys', 7],
      ['start s', 7],
      ['keys s', 7],
      ['rps', 7],
      ['p50 ms', 7],
      ['p99 ms', 7],
      ['x direct', 8],
      [`x ${scales.find((row) => row.load)?.n ?? '?'} APIs`, 11],
      ['failed', 7],
      ['stall ms', 8],
      ['RSS MB', 7],
      ['rps of each round', 0, 2],
    ],
    [
      [
        'direct upstream',
        '-',
        '-',
        '-',
        '-',
        baseline?.rps,
        baseline?.p50_ms,
        baseline?.p99_ms,
        1,
        '-',
        baseline?.failed,
        '-',
        '-',
        baseline?.rounds_rps.join(' '),
      ],
      ...scales.map((row) => [
        row.error ? `gateway (${row.error.slice(0, 40)})` : 'gateway',
        row.n,
        row.keys,
        seconds(row.start_ms),
        seconds(row.keys_ms),
        row.load?.rps,
        row.load?.p50_ms,
        row.load?.p99_ms,
        row.load && baseline ? ratio(row.load.rps, baseline.rps) : undefined,
        row.load ? ratio(row.load.rps, smallestRps) : undefined,
        row.load?.failed,
        row.stall_ms,
        row.rss_mb,
        row.rounds?.map((run) => run.rps).join(' '),
      ]),
    ],
  );
  console.log('(each gateway is loaded while the others are paused with SIGSTOP)');
  const n = report.writes_at;
  if (n !== undefined) {
    console.log(`\nat ${n} APIs:`);
    const line = (label, value) => console.log(`  ${label.padEnd(34)} ${value}`);
    const { hit_ratio: cache, change, reload, reload_edited: edited, add } = steps;
    if (cache?.before)
      line(
        'key-cache hit ratio',
        `${cache.before.hit_ratio} before (${cache.before.misses} misses), ${cache.after.hit_ratio} after (${cache.after.misses} misses) ${cache.writes.done} writes of ${cache.writes.ms} ms; ${cache.hot_keys} keys`,
      );
    if (change?.steady)
      line(
        `${change.changes.length} API changes (PUT)`,
        `PUT ${change.changes.map((one) => one.put_ms ?? one.put_error).join(' ')} ms, visible ${change.changes.map((one) => one.visible_ms ?? 'never').join(' ')} ms, stall ${change.stall_ms} ms, p99 ${change.during.p99_ms} vs steady ${change.steady.p99_ms} ms, ${change.during.failed} failed of ${change.during.requests}`,
      );
    const reloadLine = (label, step) =>
      line(
        label,
        `${step.reload_ms} ms${step.error ? ` (${step.error})` : ''}, stall ${step.stall_ms} ms (load alone ${step.steady_stall_ms} ms), ${step.during.rps} rps, p99 ${step.during.p99_ms} ms, ${step.during.failed} failed of ${step.during.requests}`,
      );
    const pace = steps.paced_load ? ` (${steps.paced_load.delay_ms} ms between requests)` : '';
    if (reload?.during)
      reloadLine(`GET /tyk/reload/?block=true (${steps.apis_at_reload ?? n} APIs), full load`, reload);
    if (steps.reload_paced?.during) reloadLine(`same, paced load${pace}`, steps.reload_paced);
    if (edited?.during) reloadLine('all files edited, then reload, full load', edited);
    if (steps.reload_edited_paced?.during) reloadLine('same, paced load', steps.reload_edited_paced);
    if (add?.count)
      line(
        `add ${add.count} APIs (POST, 16 at a time)`,
        `${add.done} added, ${add.failed} failed in ${add.ms} ms${add.timed_out ? ' (timed out)' : ''}, stall ${add.stall_ms} ms (prom-client's lag max: ${add.prom_eventloop_lag_max_ms} ms)${add.first_error ? `; ${add.first_error}` : ''}`,
      );
    for (const [name, step] of Object.entries(steps)) if (step?.error) line(name, `error: ${step.error}`);
  }
  printTable(
    [
      ['floor', 46],
      ['measured', 30],
      ['target', 12],
      ['verdict', 7],
    ],
    floors.map((row) => [row.floor, row.measured, row.target, row.verdict]),
  );
  if (floors.some((row) => row.verdict.startsWith('(')))
    console.log(
      `\nVerdicts in parentheses: this run is smaller than the floor's scale (${FLOOR_SCALE.apis} APIs, ${FLOOR_SCALE.keys} keys; RSS also at ${FLOOR_SCALE.rssApis} + ${FLOOR_SCALE.rssKeys}).`,
    );
}
