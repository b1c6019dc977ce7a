/** Where the mongo-aggregate sink writes and the dashboard's analytics queries read. */
export const ANALYTICS_AGGREGATES_COLLECTION = 'gatehouse_analytics_aggregates';

export type Granularity = 'minute' | 'hour';
export type Dimension = 'api' | 'key' | 'status' | 'path' | 'region';

export const GRANULARITY_MS: Record<Granularity, number> = { minute: 60_000, hour: 3_600_000 };

/** Upper bounds (ms) of the latency histogram; one more bucket takes everything slower. */
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

export function histogramIndex(latencyMs: number): number {
  const index = LATENCY_BUCKETS_MS.findIndex((bound) => latencyMs <= bound);
  return index === -1 ? LATENCY_BUCKETS_MS.length : index;
}

/**
 * The latency (the upper bound of its histogram bucket, in ms) below which `p` percent of requests
 * fall; requests slower than the last bound report the largest latency seen.
 */
export function histogramPercentile(histogram: readonly number[], p: number, max: number): number {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return 0;
  const wanted = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const [index, count] of histogram.entries()) {
    seen += count;
    if (seen >= wanted) return Math.min(LATENCY_BUCKETS_MS[index] ?? max, max);
  }
  return max;
}
