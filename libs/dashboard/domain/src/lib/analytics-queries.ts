import { Dimension, GRANULARITY_MS, histogramPercentile, PartialAggregate } from '@gatehouse/shared-kernel';
import { z } from 'zod';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The widest range per granularity, so one query never reads an unbounded number of aggregates. */
const MAX_RANGE_MS = { minute: 2 * DAY, hour: 92 * DAY } as const;
/**
 * The range without `from`: about 60 points either way. A day of minutes was 1,441 points (192 KB),
 * nearly all zeros, for a question that is usually "what happened just now".
 */
const DEFAULT_RANGE_MS = { minute: HOUR, hour: DAY } as const;

const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-11-30T10:00:00Z' })
  .transform((value) => new Date(value));

const rangeFields = {
  from: instant
    .optional()
    .describe('default: 1 hour before `to` for granularity=minute, 24 hours before it for granularity=hour'),
  to: instant.optional().describe('default: now'),
  granularity: z.enum(['minute', 'hour']).default('hour'),
  api: z.string().max(200).optional(),
};

function withRange<T extends { from?: Date; to?: Date; granularity: 'minute' | 'hour' }>(
  query: T,
  context: z.RefinementCtx,
) {
  const to = query.to ?? new Date();
  const size = GRANULARITY_MS[query.granularity];
  // Whole buckets: the first one is the bucket `from` falls in.
  const defaultFrom = new Date(to.getTime() - DEFAULT_RANGE_MS[query.granularity]);
  const from = new Date(Math.floor((query.from ?? defaultFrom).getTime() / size) * size);
  if (from >= to) context.addIssue({ code: 'custom', path: ['from'], message: 'must be before to' });
  if (to.getTime() - from.getTime() > MAX_RANGE_MS[query.granularity])
    context.addIssue({
      code: 'custom',
      path: ['from'],
      message: `a ${query.granularity} query covers at most ${MAX_RANGE_MS[query.granularity] / DAY} days`,
    });
  return { ...query, from, to };
}

/** `GET /analytics/requests`: a time series, for the org, one API, or one key, status, path or region. */
export const requestSeriesQuerySchema = z
  .object({
    ...rangeFields,
    key: z.string().max(200).optional(),
    status: z
      .string()
      .regex(/^\d{3}$/, 'must be an HTTP status code')
      .optional(),
    path: z.string().max(2000).optional(),
    region: z.string().max(100).optional(),
  })
  .transform((query, context) => {
    const chosen = (['key', 'status', 'path', 'region'] as const).filter((name) => query[name] !== undefined);
    if (chosen.length > 1)
      context.addIssue({
        code: 'custom',
        path: [chosen[1]],
        message: `give at most one of key, status, path, region`,
      });
    const dimension: Dimension = chosen[0] ?? 'api';
    // For the API dimension the API is the value itself; otherwise it narrows the other dimension.
    const value = chosen[0] ? query[chosen[0]] : query.api;
    const apiId = chosen[0] ? query.api : undefined;
    return { ...withRange(query, context), dimension, value, apiId };
  });

/** `GET /analytics/breakdown`: totals per value of one dimension (top endpoints: `by=path`). */
export const breakdownQuerySchema = z
  .object({
    ...rangeFields,
    by: z.enum(['api', 'key', 'status', 'path', 'region']).default('api'),
    limit: z.coerce.number().int().min(1).max(500).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .transform((query, context) => ({ ...withRange(query, context), dimension: query.by, apiId: query.api }));

export interface TrafficSummary {
  hits: number;
  errors: number;
  latency: { mean: number; max: number; p50: number; p95: number; p99: number };
  upstreamLatencyMean: number;
}

function summarise(partials: PartialAggregate[]): TrafficSummary {
  let hits = 0;
  let errors = 0;
  let latencySum = 0;
  let latencyMax = 0;
  let upstreamSum = 0;
  const histogram: number[] = [];
  for (const partial of partials) {
    hits += partial.hits;
    errors += partial.errors;
    latencySum += partial.latencySum;
    upstreamSum += partial.upstreamLatencySum;
    latencyMax = Math.max(latencyMax, partial.latencyMax);
    partial.latencyHistogram.forEach((count, index) => (histogram[index] = (histogram[index] ?? 0) + count));
  }
  const mean = (sum: number) => (hits === 0 ? 0 : Math.round((sum / hits) * 100) / 100);
  return {
    hits,
    errors,
    latency: {
      mean: mean(latencySum),
      max: latencyMax,
      p50: histogramPercentile(histogram, 50, latencyMax),
      p95: histogramPercentile(histogram, 95, latencyMax),
      p99: histogramPercentile(histogram, 99, latencyMax),
    },
    upstreamLatencyMean: mean(upstreamSum),
  };
}

function groupBy(
  partials: PartialAggregate[],
  key: (partial: PartialAggregate) => string,
): Map<string, PartialAggregate[]> {
  const groups = new Map<string, PartialAggregate[]>();
  for (const partial of partials) {
    const name = key(partial);
    groups.set(name, [...(groups.get(name) ?? []), partial]);
  }
  return groups;
}

/** One point per bucket of the range, empty buckets included, oldest first. */
export function requestSeries(
  partials: PartialAggregate[],
  query: { from: Date; to: Date; granularity: 'minute' | 'hour' },
): ({ time: string } & TrafficSummary)[] {
  const size = GRANULARITY_MS[query.granularity];
  const byBucket = groupBy(partials, (partial) => partial.bucket.toISOString());
  const points: ({ time: string } & TrafficSummary)[] = [];
  for (let time = Math.floor(query.from.getTime() / size) * size; time < query.to.getTime(); time += size) {
    const iso = new Date(time).toISOString();
    points.push({ time: iso, ...summarise(byBucket.get(iso) ?? []) });
  }
  return points;
}

/** Totals per dimension value, busiest first. */
export function breakdown(partials: PartialAggregate[]): ({ value: string } & TrafficSummary)[] {
  return [...groupBy(partials, (partial) => partial.value)]
    .map(([value, group]) => ({ value, ...summarise(group) }))
    .sort((a, b) => b.hits - a.hits || a.value.localeCompare(b.value));
}
