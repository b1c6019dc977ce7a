import { ANALYTICS_BATCH_FIELDS, AnalyticsRecord } from '@gatehouse/shared-tyk-compat';

/** A complete gateway analytics record for tests: a keyed GET /orders of org acme, 200, 12 ms. */
export function sampleAnalyticsRecord(id: string, changes: Partial<AnalyticsRecord> = {}): AnalyticsRecord {
  return {
    id,
    timestamp: Date.UTC(2026, 10, 30, 12, 0, 30),
    method: 'GET',
    host: 'example.test',
    path: '/orders',
    raw_path: '/orders',
    content_length: 0,
    user_agent: 'spec',
    response_code: 200,
    api_key: 'k1',
    api_version: 'Default',
    api_name: 'Orders',
    api_id: 'orders',
    org_id: 'acme',
    ip_address: '127.0.0.1',
    latency: { total: 12, upstream: 10 },
    tags: [],
    ...changes,
  };
}

/** Appends records to an analytics stream as one entry, exactly as a gateway flush does. */
export function appendAnalyticsEntry(
  redis: { xadd(key: string, ...args: (string | number)[]): Promise<string | null> },
  stream: string,
  records: AnalyticsRecord[],
): Promise<string | null> {
  return redis.xadd(
    stream,
    '*',
    ANALYTICS_BATCH_FIELDS.count,
    records.length,
    ANALYTICS_BATCH_FIELDS.records,
    JSON.stringify(records),
  );
}
