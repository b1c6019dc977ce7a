import { z } from 'zod';

import { dateTimeSchema } from '../http/common-responses';
import { named } from '../http/response-names';

const trafficSummary = {
  hits: z.number(),
  errors: z.number(),
  latency: z.object({ mean: z.number(), max: z.number(), p50: z.number(), p95: z.number(), p99: z.number() }),
  upstreamLatencyMean: z.number(),
};

export const requestSeriesSchema = named(
  'RequestSeries',
  z.object({
    granularity: z.enum(['minute', 'hour']),
    from: dateTimeSchema,
    to: dateTimeSchema,
    series: z.array(z.object({ time: dateTimeSchema, ...trafficSummary })),
  }),
);

export const trafficBreakdownSchema = named(
  'TrafficBreakdown',
  z.object({
    by: z.enum(['api', 'key', 'status', 'path', 'region']),
    from: dateTimeSchema,
    to: dateTimeSchema,
    total: z.number().int().describe('rows in all, whatever limit and offset are'),
    rows: z.array(z.object({ value: z.string(), ...trafficSummary })),
  }),
);
