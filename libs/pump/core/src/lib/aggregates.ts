import {
  Dimension,
  GRANULARITY_MS,
  histogramIndex,
  LATENCY_BUCKETS_MS,
  PartialAggregate,
} from '@gatehouse/shared-kernel';
import type { AnalyticsRecord } from '@gatehouse/shared-tyk-compat';

import type { AnalyticsBatch } from './sink';

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
