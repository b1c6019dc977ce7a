/**
 * One request as Tyk's pump sees it (`analytics.AnalyticsRecord`, JSON field names), plus `id`, unique
 * per record, so sinks can write idempotently. Raw request/response are only filled with detailed
 * recording on.
 */
export interface AnalyticsRecord {
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
  /** RFC 3339. */
  timestamp: string;
  api_version: string;
  api_name: string;
  api_id: string;
  org_id: string;
  oauth_id: string;
  /** Milliseconds, total. */
  request_time: number;
  raw_request: string;
  raw_response: string;
  ip_address: string;
  latency: { total: number; upstream: number };
  tags: string[];
  alias: string;
  track_path: boolean;
  /** RFC 3339; when sinks may expire the record. */
  expireAt: string;
}
