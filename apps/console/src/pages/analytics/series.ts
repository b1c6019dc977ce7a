import type { components } from '../../api/generated/dashboard-api';

export type RequestSeries = components['schemas']['RequestSeries'];
type Point = RequestSeries['series'][number];

const BUCKET_MS = { minute: 60_000, hour: 3_600_000 } as const;

/** A series ready to draw: one entry per bucket of the range, in every array. */
export interface ShapedSeries {
  times: number[];
  hits: number[];
  errors: number[];
  /** Null where a bucket had no requests: no latency, rather than a latency of zero. */
  p50: (number | null)[];
  p95: (number | null)[];
  p99: (number | null)[];
  totalHits: number;
  totalErrors: number;
}

/**
 * Lays the API's points on every bucket from `from` to `to`. The API fills empty buckets today; a missing
 * one (an older dashboard, a point at an unexpected instant) must still read as zero requests, not as a
 * line drawn straight across the hole.
 */
export function shapeSeries(answer: RequestSeries): ShapedSeries {
  const size = BUCKET_MS[answer.granularity];
  const byTime = new Map<number, Point>(answer.series.map((point) => [Date.parse(point.time), point]));
  const shaped: ShapedSeries = {
    times: [],
    hits: [],
    errors: [],
    p50: [],
    p95: [],
    p99: [],
    totalHits: 0,
    totalErrors: 0,
  };
  const end = Date.parse(answer.to);
  for (let time = Math.floor(Date.parse(answer.from) / size) * size; time < end; time += size) {
    const point = byTime.get(time);
    const hits = point?.hits ?? 0;
    const latency = point && hits > 0 ? point.latency : undefined;
    shaped.times.push(time);
    shaped.hits.push(hits);
    shaped.errors.push(point?.errors ?? 0);
    shaped.p50.push(latency?.p50 ?? null);
    shaped.p95.push(latency?.p95 ?? null);
    shaped.p99.push(latency?.p99 ?? null);
    shaped.totalHits += hits;
    shaped.totalErrors += point?.errors ?? 0;
  }
  return shaped;
}
