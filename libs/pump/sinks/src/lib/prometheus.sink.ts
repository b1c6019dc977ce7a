import type { AnalyticsBatch, Sink } from '@gatehouse/pump-core';
import { Counter, Histogram, Registry } from '@gatehouse/shared-observability';
import type { AnalyticsRecord } from '@gatehouse/shared-tyk-compat';
import { z } from 'zod';

import { RecentEntryIds } from './recent-entry-ids';
import type { SinkType } from './sink-type';

/** Tyk prometheus pump's base metrics, by the names its `disabled_metrics` takes. */
export const PROMETHEUS_BASE_METRICS = [
  'tyk_http_status',
  'tyk_http_status_per_path',
  'tyk_http_status_per_key',
  'tyk_http_status_per_oauth_client',
  'tyk_latency',
] as const;

export type PrometheusBaseMetric = (typeof PROMETHEUS_BASE_METRICS)[number];

/** Tyk's buckets: latencies stay in milliseconds, as Tyk exposes them. */
const LATENCY_BUCKETS_MS = [
  1, 2, 5, 7, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100, 200, 300, 400, 500, 1000, 2000, 5000, 10000,
  30000, 60000,
];

/** Tyk's label for paths nobody asked to track, which keeps the series count bounded. */
const UNKNOWN_PATH = 'unknown';

type Labels = Record<string, string | number>;

const STATUS_COUNTERS: {
  name: Exclude<PrometheusBaseMetric, 'tyk_latency'>;
  help: string;
  labelNames: string[];
  labels: (record: AnalyticsRecord, path: string) => Labels;
}[] = [
  {
    name: 'tyk_http_status',
    help: 'HTTP status codes per API',
    labelNames: ['code', 'api'],
    labels: (record) => ({ code: record.response_code, api: record.api_id }),
  },
  {
    name: 'tyk_http_status_per_path',
    help: 'HTTP status codes per API path and method',
    labelNames: ['code', 'api', 'path', 'method'],
    labels: (record, path) => ({
      code: record.response_code,
      api: record.api_id,
      path,
      method: record.method,
    }),
  },
  {
    name: 'tyk_http_status_per_key',
    help: 'HTTP status codes per API key',
    labelNames: ['code', 'key'],
    labels: (record) => ({ code: record.response_code, key: record.api_key }),
  },
  {
    name: 'tyk_http_status_per_oauth_client',
    help: 'HTTP status codes per oAuth client id',
    labelNames: ['code', 'client_id'],
    labels: (record) => ({ code: record.response_code, client_id: record.oauth_id ?? '' }),
  },
];

export interface PrometheusSinkOptions {
  /** Tyk's `track_all_paths`: label real paths; otherwise every path is `unknown`, as in Tyk. */
  trackAllPaths: boolean;
  disabledMetrics: PrometheusBaseMetric[];
}

/**
 * Tyk prometheus pump's base metrics, on the pump's own registry so they are scraped from the pump's
 * `/metrics` (Tyk's `listen_address` and `path` have no use here). Counters cannot be written
 * idempotently: a batch this process counted is skipped when redelivered, but one redelivered after a
 * restart is counted again by the new process (whose counters started from zero, as Prometheus expects).
 */
export class PrometheusSink implements Sink {
  readonly name = 'prometheus';
  private readonly observers: ((record: AnalyticsRecord, path: string) => void)[] = [];
  private readonly counted = new RecentEntryIds();

  constructor(
    registry: Registry,
    private readonly options: PrometheusSinkOptions,
  ) {
    const enabled = (name: PrometheusBaseMetric) => !options.disabledMetrics.includes(name);
    for (const definition of STATUS_COUNTERS.filter((counter) => enabled(counter.name))) {
      const { name, help, labelNames } = definition;
      const counter = new Counter({ name, help, labelNames, registers: [registry] });
      this.observers.push((record, path) => counter.inc(definition.labels(record, path)));
    }
    if (enabled('tyk_latency')) {
      const latency = new Histogram({
        name: 'tyk_latency',
        help: 'Latency added by Tyk, Total Latency, upstream latency, and gateway latency per API',
        labelNames: ['type', 'api'],
        buckets: LATENCY_BUCKETS_MS,
        registers: [registry],
      });
      this.observers.push(({ latency: { total, upstream }, api_id: api }) => {
        latency.observe({ type: 'total', api }, total);
        latency.observe({ type: 'upstream', api }, upstream);
        latency.observe({ type: 'gateway', api }, Math.max(0, total - upstream));
      });
    }
  }

  async write(batches: AnalyticsBatch[]): Promise<void> {
    for (const batch of batches) {
      if (this.counted.has(batch.entryId)) continue;
      for (const record of batch.records) {
        const path = this.options.trackAllPaths ? record.path : UNKNOWN_PATH;
        for (const observe of this.observers) observe(record, path);
      }
      this.counted.add(batch.entryId);
    }
  }
}

/** Tyk's prometheus pump's `meta`; its `listen_address` and `path` do not apply (scraped from the pump's `/metrics`). */
export const prometheusMetaSchema = z.strictObject({
  track_all_paths: z.boolean().default(false),
  disabled_metrics: z.array(z.enum(PROMETHEUS_BASE_METRICS)).default([]),
});

/** `prometheus`: its series go on the pump's own registry, so a pump has one at most. */
export const prometheusSinkType: SinkType<typeof prometheusMetaSchema> = {
  meta: prometheusMetaSchema,
  open: async (meta, { registry }) => ({
    sink: new PrometheusSink(registry, {
      trackAllPaths: meta.track_all_paths,
      disabledMetrics: meta.disabled_metrics,
    }),
  }),
};
