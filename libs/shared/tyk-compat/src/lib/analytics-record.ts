/**
 * What a gateway writes to the analytics stream for one request: Tyk's analytics fields under Tyk's
 * names, minus everything a sink can derive (date parts, ISO times, expiry, the key/org/api tags,
 * empty fields). It is a third smaller than the full record, which is what made analytics affordable
 * on the hot path; {@link toTykRecord} restores Tyk's `AnalyticsRecord` exactly.
 */
export interface AnalyticsRecord {
  /** Unique per record, so sinks write idempotently. */
  id: string;
  /** Milliseconds since the Unix epoch, when the response finished. */
  timestamp: number;
  method: string;
  host: string;
  path: string;
  raw_path: string;
  content_length: number;
  user_agent: string;
  response_code: number;
  /** The key's storage id (its hash when hashing is on), '' for keyless requests. */
  api_key: string;
  api_version: string;
  api_name: string;
  api_id: string;
  org_id: string;
  ip_address: string;
  /** Milliseconds: total in the gateway and waiting for the upstream's headers. */
  latency: { total: number; upstream: number };
  /** The API's and the key's own tags; the derived `key-`, `org-`, `api-` tags are added by sinks. */
  tags: string[];
  alias?: string;
  oauth_id?: string;
  /** Base64 of the raw request and response, only when the API has detailed recording on. */
  raw_request?: string;
  raw_response?: string;
  /** A stream consumer's connection (SSE, WebSocket, long poll): messages and bytes delivered on it. */
  stream?: { messages: number; bytes: number };
}

/**
 * Fields of an analytics stream entry: `n` records, `r` their JSON array (one entry per gateway batch).
 * Entries the bridge writes on the control plane add `o` (org), `g` (the region's gateway group) and
 * `b` (the region's batch id).
 */
export const ANALYTICS_BATCH_FIELDS = {
  count: 'n',
  records: 'r',
  org: 'o',
  region: 'g',
  batch: 'b',
} as const;

/** Tyk's `analytics.AnalyticsRecord` as its pump writes it (JSON names). */
export interface TykAnalyticsRecord {
  id: string;
  method: string;
  host: string;
  path: string;
  raw_path: string;
  content_length: number;
  user_agent: string;
  day: number;
  month: number;
  year: number;
  hour: number;
  response_code: number;
  api_key: string;
  timestamp: string;
  api_version: string;
  api_name: string;
  api_id: string;
  org_id: string;
  oauth_id: string;
  request_time: number;
  raw_request: string;
  raw_response: string;
  ip_address: string;
  latency: { total: number; upstream: number };
  tags: string[];
  alias: string;
  track_path: boolean;
  expireAt: string;
  /** Gatehouse: set on a stream consumer's connection record (not in Tyk's record). */
  stream?: { messages: number; bytes: number };
}

/** The full Tyk record for a stream record; `expireAfterSeconds` sets `expireAt`. */
export function toTykRecord(record: AnalyticsRecord, expireAfterSeconds: number): TykAnalyticsRecord {
  const time = new Date(record.timestamp);
  const derivedTags = [
    ...(record.api_key ? [`key-${record.api_key}`] : []),
    `org-${record.org_id}`,
    `api-${record.api_id}`,
  ];
  return {
    id: record.id,
    method: record.method,
    host: record.host,
    path: record.path,
    raw_path: record.raw_path,
    content_length: record.content_length,
    user_agent: record.user_agent,
    day: time.getUTCDate(),
    month: time.getUTCMonth() + 1,
    year: time.getUTCFullYear(),
    hour: time.getUTCHours(),
    response_code: record.response_code,
    api_key: record.api_key,
    timestamp: time.toISOString(),
    api_version: record.api_version,
    api_name: record.api_name,
    api_id: record.api_id,
    org_id: record.org_id,
    oauth_id: record.oauth_id ?? '',
    request_time: record.latency.total,
    raw_request: record.raw_request ?? '',
    raw_response: record.raw_response ?? '',
    ip_address: record.ip_address,
    latency: record.latency,
    tags: [...record.tags, ...derivedTags],
    alias: record.alias ?? '',
    ...(record.stream ? { stream: record.stream } : {}),
    track_path: false,
    expireAt: new Date(record.timestamp + expireAfterSeconds * 1000).toISOString(),
  };
}
