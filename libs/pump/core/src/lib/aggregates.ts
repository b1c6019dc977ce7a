import type { AnalyticsRecord } from '@gatehouse/shared-tyk-compat';

import type { AnalyticsBatch } from './sink';

export type Granularity = 'minute' | 'hour';
export type Dimension = 'api' | 'key' | 'status' | 'path' | 'region';

/** Upper bounds (ms) of the latency histogram; the last bucket takes everything slower. */
export const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 30_000];

/**
 * One stream entry's contribution to one time bucket of one dimension value. Keyed by the entry id, so
 * writing it again (a redelivered batch) replaces it instead of counting twice; queries sum them.
 */
export interface PartialAggregate {
  _id: string;
  entryId: string;
  granularity: Granularity;
  bucket: Date;
  orgId: string;
  apiId: string;
  dimension: Dimension;
  value: string;
  hits: number;
  errors: number;
  latencySum: number;
  latencyMax: number;
  upstreamLatencySum: number;
  /** Counts per LATENCY_BUCKETS_MS bucket, plus one for slower requests. */
  latencyHistogram: number[];
}

const GRANULARITY_MS: Record<Granularity, number> = { minute: 60_000, hour: 3_600_000 };

function dimensionValues(record: AnalyticsRecord, region: string): [Dimension, string][] {
  const values: [Dimension, string][] = [
    ['api', record.api_id],
    ['status', String(record.response_code)],
    ['path', `${record.method} ${record.path}`],
  ];
  if (record.api_key) values.push(['key', record.api_key]);
  if (region) values.push(['region', region]);
  return values;
}

export function histogramIndex(latencyMs: number): number {
  const index = LATENCY_BUCKETS_MS.findIndex((bound) => latencyMs <= bound);
  return index === -1 ? LATENCY_BUCKETS_MS.length : index;
}

/** Every partial aggregate of a batch, per minute and per hour. */
export function partialAggregates(batch: AnalyticsBatch): PartialAggregate[] {
  const partials = new Map<string, PartialAggregate>();
  for (const record of batch.records) {
    for (const granularity of ['minute', 'hour'] as const) {
      const size = GRANULARITY_MS[granularity];
      const bucket = new Date(Math.floor(record.timestamp / size) * size);
      for (const [dimension, value] of dimensionValues(record, batch.region)) {
        const id = [
          batch.entryId,
          granularity,
          bucket.toISOString(),
          record.org_id,
          record.api_id,
          dimension,
          value,
        ].join('|');
        let partial = partials.get(id);
        if (!partial) {
          partial = {
            _id: id,
            entryId: batch.entryId,
            granularity,
            bucket,
            orgId: record.org_id,
            apiId: record.api_id,
            dimension,
            value,
            hits: 0,
            errors: 0,
            latencySum: 0,
            latencyMax: 0,
            upstreamLatencySum: 0,
            latencyHistogram: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0),
          };
          partials.set(id, partial);
        }
        partial.hits++;
        if (record.response_code >= 400) partial.errors++;
        partial.latencySum += record.latency.total;
        partial.latencyMax = Math.max(partial.latencyMax, record.latency.total);
        partial.upstreamLatencySum += record.latency.upstream;
        partial.latencyHistogram[histogramIndex(record.latency.total)]++;
      }
    }
  }
  return [...partials.values()];
}

/** The latency (upper bucket bound, ms) below which `p` percent of the histogram's requests fall. */
export function histogramPercentile(histogram: number[], p: number): number {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return 0;
  const wanted = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const [index, count] of histogram.entries()) {
    seen += count;
    if (seen >= wanted) return LATENCY_BUCKETS_MS[index] ?? Number.POSITIVE_INFINITY;
  }
  return Number.POSITIVE_INFINITY;
}
