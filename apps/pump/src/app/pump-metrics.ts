import type { SinkRunnerMetrics } from '@gatehouse/pump-core';
import { Counter, Gauge, Registry } from '@gatehouse/shared-observability';

/** Per-sink series: records in and out, filtered, retries, dead-lettered, and the group's lag. */
export class PumpMetrics {
  private readonly recordsIn: Counter<'sink'>;
  private readonly recordsOut: Counter<'sink'>;
  private readonly filtered: Counter<'sink'>;
  private readonly retries: Counter<'sink'>;
  private readonly deadLettered: Counter<'sink'>;
  private readonly lagSources = new Map<string, () => Promise<number | undefined>>();

  constructor(registry: Registry) {
    const counter = (name: string, help: string) =>
      new Counter({ name, help, labelNames: ['sink'], registers: [registry] });
    this.recordsIn = counter('gatehouse_pump_records_in_total', 'Records read from the stream, by sink.');
    this.recordsOut = counter('gatehouse_pump_records_out_total', 'Records a sink wrote and acknowledged.');
    this.filtered = counter('gatehouse_pump_records_filtered_total', "Records a sink's filters left out.");
    this.retries = counter('gatehouse_pump_write_retries_total', 'Sink writes retried after a failure.');
    this.deadLettered = counter(
      'gatehouse_pump_entries_dead_lettered_total',
      'Stream entries moved to the dead-letter stream (sink kept failing, or unreadable).',
    );
    const lagSources = this.lagSources;
    new Gauge({
      name: 'gatehouse_pump_lag_entries',
      help: "Stream entries not yet delivered to the sink's consumer group.",
      labelNames: ['sink'],
      registers: [registry],
      async collect() {
        for (const [sink, lag] of lagSources) {
          const value = await lag().catch(() => undefined);
          if (value !== undefined) this.labels(sink).set(value);
        }
      },
    });
  }

  forSink(sink: string, lag: () => Promise<number | undefined>): SinkRunnerMetrics {
    this.lagSources.set(sink, lag);
    return {
      recordsIn: (count) => this.recordsIn.labels(sink).inc(count),
      recordsOut: (count) => this.recordsOut.labels(sink).inc(count),
      filtered: (count) => this.filtered.labels(sink).inc(count),
      retried: () => this.retries.labels(sink).inc(),
      deadLettered: (count) => this.deadLettered.labels(sink).inc(count),
    };
  }
}
