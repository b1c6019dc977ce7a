#!/usr/bin/env node
// Pump benchmark: `npm run bench:pump [-- --entries 200 --records-per-entry 500 --no-build]`.
// Measures, in one invocation on loopback:
//   1. gateway throughput with analytics off and on: two standalone gateways with the same keyless,
//      tracked API, loaded by wrk in alternating rounds; rps, p50, p99, the ratio on/off, and whether
//      every request proxied became a record in the analytics stream (or was counted as dropped);
//   2. pump throughput in records/s into each of the mongo, mongo-aggregate and kafka sinks: a stream
//      pre-filled as gateways fill it (entries of records), drained by a pump process with that one sink
//      (one after another, so they do not compete), timed until its records-out counter reaches the
//      total, or a time box (partial), or a stall (a failing write). Kafka runs twice: at the pump's
//      entries per write, and at 1. The aggregate sink runs at 1 entry per write: against the stack's
//      FerretDB each upsert costs time in proportion to the collection, and one write of 50 entries
//      (some 16,000 upserts of partial aggregates) would take minutes, and go on in the server after the pump is stopped.
//      The baseline: the same documents or messages written by this process with a plain driver call
//      per pump write.
// Prints the tables and writes tools/bench/results/pump-<timestamp>.json. A benchmark, not a test:
// numbers vary by machine and with whatever else runs on it. Exits 1 when a pump fails (a stall).
// Flags (or env): --entries N (BENCH_ENTRIES, 200), --records-per-entry M (BENCH_RECORDS_PER_ENTRY,
// 500), --entries-per-write (BENCH_ENTRIES_PER_WRITE, the pump's default 50),
// --aggregate-entries-per-write (BENCH_AGGREGATE_ENTRIES_PER_WRITE, 1), --sink-seconds time box per
// sink and per baseline (BENCH_SINK_SECONDS, 30), --stall-seconds a failing pump may go without
// progress (BENCH_STALL_SECONDS, 8), --duration of a wrk round (BENCH_DURATION, 5), --connections
// (BENCH_CONNECTIONS, 50), --rounds (BENCH_ROUNDS, 2), --max-seconds for the whole run
// (BENCH_MAX_SECONDS, 170), --no-build (use the bundles in dist as they are).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { measureAnalyticsOverhead } from './lib/analytics-overhead.mjs';
import { flag, positive } from './lib/cli.mjs';
import { ensureTools } from './lib/load-tools.mjs';
import { log } from './lib/log.mjs';
import { runGuarded, stopAll } from './lib/processes.mjs';
import { kafkaBaseline, kafkaClient, kafkaTopics, mongoBaseline } from './lib/pump-baselines.mjs';
import { buildReport, printReport } from './lib/pump-report.mjs';
import { runPumpSink } from './lib/pump-run.mjs';
import { buildApps } from './lib/repo.mjs';
import { writeResult } from './lib/results.mjs';
import { bestEffort, connectRedis, dropDatabase, stackAddresses } from './lib/stack.mjs';
import { startPrivateRedis } from './lib/standalone-gateway.mjs';

const startedAt = Date.now();
/** The pump's stream.entries_per_write default (apps/pump/src/app/pump.config.ts). */
const PUMP_ENTRIES_PER_WRITE = 50;
const options = {
  entries: positive('entries', 'BENCH_ENTRIES', 200),
  perEntry: positive('records-per-entry', 'BENCH_RECORDS_PER_ENTRY', 500),
  entriesPerWrite: positive('entries-per-write', 'BENCH_ENTRIES_PER_WRITE', PUMP_ENTRIES_PER_WRITE),
  aggregateEntriesPerWrite: positive('aggregate-entries-per-write', 'BENCH_AGGREGATE_ENTRIES_PER_WRITE', 1),
  sinkSeconds: positive('sink-seconds', 'BENCH_SINK_SECONDS', 30),
  stallSeconds: positive('stall-seconds', 'BENCH_STALL_SECONDS', 8),
  duration: positive('duration', 'BENCH_DURATION', 5),
  connections: positive('connections', 'BENCH_CONNECTIONS', 50),
  rounds: positive('rounds', 'BENCH_ROUNDS', 2),
  maxSeconds: positive('max-seconds', 'BENCH_MAX_SECONDS', 170),
};
/** Kept free at the end of the run for stopping the processes, cleaning up and printing. */
const RESERVE_MS = 15_000;
const remaining = () => startedAt + options.maxSeconds * 1000 - RESERVE_MS - Date.now();

/** What the run leaves outside its own processes: its database, Kafka topics and temporary folder. */
let run;

/**
 * Drops the run's database and deletes its topics and folder, once. After an interruption the raw write
 * in flight is awaited first, and the database dropped again a little later: a write that the server was
 * still doing for a killed pump would create it again.
 */
function cleanUp(context, interrupted = false) {
  context.stopping = true;
  context.redis?.disconnect();
  context.cleaning ??= (async () => {
    const { stack, database, topics, work, kafka } = context;
    if (interrupted) await bestEffort('finishing the raw write', () => context.pending ?? Promise.resolve());
    await dropDatabase(stack.mongo, database);
    if (interrupted) await sleep(3000).then(() => dropDatabase(stack.mongo, database));
    if (kafka)
      await bestEffort(`deleting topics ${topics.join(', ')}`, () => kafkaTopics(kafka, topics, false));
    if (work) rmSync(work, { recursive: true, force: true });
  })();
  return context.cleaning;
}

function scenarios({ stack, database, topics }) {
  const mongo = { mongo_url: stack.mongo, mongo_database: database };
  const kafka = (topic) => ({ broker: [stack.kafka], topic });
  return [
    ['mongo', 'mongo', mongo, options.entriesPerWrite],
    ['mongo-aggregate', 'mongo-aggregate', mongo, options.aggregateEntriesPerWrite],
    ['kafka', 'kafka', kafka(topics[0]), options.entriesPerWrite],
    ['kafka-1', 'kafka', kafka(topics[1]), 1],
  ].map(([name, type, meta, entriesPerWrite]) => ({ name, type, meta, entriesPerWrite }));
}

/**
 * Each sink, one after another within the time left, each followed by its baseline: as many entries as
 * the pump got through (in whole writes, at least one), written with one driver call per pump write.
 */
async function measureSinks(context, redis, redisUrl) {
  const { stack, database, topics, kafka, runId } = context;
  const records = { runId, entries: options.entries, perEntry: options.perEntry, t0: Date.now() };
  const sinks = {};
  for (const scenario of scenarios(context)) {
    if (context.stopping) break;
    const timeBoxS = Math.min(options.sinkSeconds, remaining() / 2000);
    if (timeBoxS <= 1) {
      log(`${scenario.name}: out of time (--max-seconds)`);
      sinks[scenario.name] = { status: 'not run', entries_per_write: scenario.entriesPerWrite };
      continue;
    }
    const perWrite = scenario.entriesPerWrite;
    log(`pump: ${scenario.name} sink, ${perWrite} entries per write`);
    const stallS = options.stallSeconds;
    const pump = await runPumpSink(scenario, { redis, redisUrl, records, timeBoxS, stallS });
    const writes = Math.max(1, Math.ceil(pump.records / records.perEntry / perWrite));
    const entries = Math.min(records.entries, writes * perWrite);
    log(`raw: ${scenario.type}, ${entries} entries, ${perWrite} per call`);
    const deadline = performance.now() + timeBoxS * 1000;
    const settings = { ...records, entries, perWrite, deadline, stopped: () => context.stopping };
    context.pending =
      scenario.type === 'kafka'
        ? kafkaBaseline(kafka, topics[2], settings)
        : mongoBaseline(stack.mongo, database, `raw_${scenario.name}`, settings);
    sinks[scenario.name] = { ...pump, raw: await context.pending };
  }
  return sinks;
}

async function main() {
  ensureTools();
  const stack = stackAddresses(Math.max(1000, remaining()), ['mongo', 'kafka']);
  buildApps(['pump', 'gateway'], { rebuild: !flag('no-build'), timeoutMs: Math.max(1000, remaining()) });
  const runId = `bench${Date.now().toString(36)}`;
  const topics = ['pump', 'pump-1', 'raw'].map((suffix) => `bench-${runId}-${suffix}`);
  run = { stack, runId, database: `bench_pump_${runId}`, topics };
  run.work = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
  log(`database ${run.database}, Kafka topics ${topics.join(', ')}`);
  const redisUrl = await startPrivateRedis(run.work);
  const { redis } = await connectRedis({ redis: redisUrl });
  run.redis = redis;
  try {
    run.kafka = await kafkaClient([stack.kafka]);
    await kafkaTopics(run.kafka, topics, true);
    log('gateway: analytics off and on');
    const overhead = await measureAnalyticsOverhead(
      { work: run.work, redis, redisUrl, runId },
      { durationS: options.duration, connections: options.connections, rounds: options.rounds },
    );
    const sinks = await measureSinks(run, redis, redisUrl);
    const report = buildReport(options, { sinks, overhead });
    const outFile = writeResult(report);
    printReport(report);
    console.log(`\nwritten to ${outFile}`);
    const failed = Object.entries(sinks).filter(([, sink]) =>
      ['stalled', 'pump exited'].includes(sink.status),
    );
    if (failed.length) {
      console.log(`\nexit code 1: the ${failed.map(([name]) => name).join(', ')} pump failed (see above)`);
      process.exitCode = 1;
    }
  } finally {
    log('stopping the processes and cleaning up');
    await stopAll();
    await cleanUp(run);
  }
}

runGuarded(main, { startedAt, maxSeconds: options.maxSeconds, cleanUp: () => run && cleanUp(run, true) });
