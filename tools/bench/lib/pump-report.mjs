// The pump benchmark's result: the report written to its result file, and the tables printed from it.
import { reportHeader } from './results.mjs';
import { round } from './stats.mjs';
import { printTable } from './table.mjs';

export function buildReport(settings, { sinks, overhead }) {
  const pumpToRaw = {};
  for (const [name, sink] of Object.entries(sinks))
    pumpToRaw[name] =
      sink.records_per_s && sink.raw?.records_per_s
        ? round(sink.records_per_s / sink.raw.records_per_s)
        : null;
  return {
    ...reportHeader('pump'),
    settings: {
      stream_entries: settings.entries,
      records_per_entry: settings.perEntry,
      records_per_sink: settings.entries * settings.perEntry,
      entries_per_write: settings.entriesPerWrite,
      aggregate_entries_per_write: settings.aggregateEntriesPerWrite,
      sink_time_box_s: settings.sinkSeconds,
      stall_s: settings.stallSeconds,
      max_seconds: settings.maxSeconds,
      gateway: {
        wrk_threads: 1,
        connections: settings.connections,
        duration_s: settings.duration,
        rounds: settings.rounds,
      },
    },
    setup:
      'loopback; a private redis-server holds the streams; MongoDB and Kafka are tools/stack (FerretDB on SQLite; 1 broker, 1 partition); one pump process per sink, one after another, each on a stream of its own; records/s from the pump answering /metrics (sink open) to the last record out',
    raw_note:
      'raw: the documents/messages the sink writes, from this process, one driver call per pump write: insertMany (ordered: false, the sink indexes) or a kafkajs idempotent producer send (acks -1); as many entries as the pump got through',
    pump: sinks,
    gateway_analytics: overhead,
    ratios: { pump_to_raw: pumpToRaw, analytics_on_to_off: overhead.ratio_on_to_off },
  };
}

function printPump({ pump, ratios, settings }) {
  printTable(
    [
      ['sink', 16],
      ['status', 11],
      ['records', 8],
      ['start s', 7],
      ['s', 6],
      ['records/s', 9],
      ['raw rec/s', 9],
      ['pump/raw', 8],
      ['per write', 9],
    ],
    Object.entries(pump).map(([name, sink]) => [
      name,
      sink.status,
      sink.records,
      sink.startup_s,
      sink.seconds,
      sink.records_per_s,
      sink.raw?.error ? 'failed' : sink.raw?.records_per_s,
      ratios.pump_to_raw[name],
      sink.entries_per_write * settings.records_per_entry,
    ]),
  );
  const measured = Object.entries(pump).filter(([, sink]) => sink.raw);
  if (measured.length)
    console.log('\nraw = the same writes from this process, one plain driver call per pump write:');
  for (const [name, { raw }] of measured) {
    const failure = raw.error ? `, failed: ${raw.error}` : '';
    console.log(`  ${name}: ${raw.records} of ${raw.planned} records in ${raw.seconds} s${failure}`);
  }
  for (const [name, sink] of Object.entries(pump)) {
    if (sink.status === 'ok' || sink.status === 'not run') continue;
    if (sink.status === 'timed out') {
      console.log(
        `pump ${name}: time box reached with ${sink.records} of ${sink.planned} records out (the rate is over those)`,
      );
      continue;
    }
    const error = sink.last_error ? `; last error: ${sink.last_error}` : '';
    console.log(
      `pump ${name}: ${sink.status}, ${sink.retries} write retries, ${sink.dead_lettered} entries dead-lettered${error}`,
    );
  }
}

export function printReport(report) {
  printPump(report);
  const { off, on, ratio_on_to_off: ratio, analytics: counts } = report.gateway_analytics;
  const row = (label, entry) => [label, entry.rps, entry.p50_ms, entry.p99_ms, entry.requests, entry.non_2xx];
  printTable(
    [
      ['gateway analytics', 18],
      ['rps', 8],
      ['p50 ms', 8],
      ['p99 ms', 8],
      ['requests', 9],
      ['non-2xx', 7],
    ],
    [row('off', off), row('on', on), ['ratio on/off', ratio.rps, ratio.p50, ratio.p99]],
  );
  const perEntry = counts.stream_entries ? Math.round(counts.records_in_stream / counts.stream_entries) : '-';
  console.log(
    `\nanalytics on: ${counts.records_in_stream} records in the stream (${counts.stream_entries} entries, ${perEntry} records each) for ${counts.requests_proxied_by_gateway} requests proxied (wrk completed ${counts.requests_completed_by_wrk}); written ${counts.records_written}, dropped ${counts.records_dropped} (gatehouse_gateway_analytics_dropped_total ${counts.dropped_total_since_start})`,
  );
}
