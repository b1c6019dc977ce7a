import type { AnalyticsRecord, RequestContext } from '@gatehouse/gateway-core';

export interface AnalyticsSink {
  record(record: AnalyticsRecord): void;
}

const bootId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
let sequence = 0;

/** Unique per record across processes and restarts, and cheap: no random bytes per request. */
function nextRecordId(): string {
  sequence = (sequence + 1) % Number.MAX_SAFE_INTEGER;
  return `${bootId}-${sequence.toString(36)}`;
}

interface SecondParts {
  second: number;
  day: number;
  month: number;
  year: number;
  hour: number;
  /** `YYYY-MM-DDTHH:MM:SS.` of this second. */
  isoPrefix: string;
  expireAt: string;
}

let parts: SecondParts | undefined;

/** Date parts change once a second, not once a request: formatting them per record was a hot spot. */
function secondParts(nowMs: number, expireAfterSeconds: number): SecondParts {
  const second = Math.floor(nowMs / 1000);
  if (parts?.second !== second) {
    const date = new Date(second * 1000);
    parts = {
      second,
      day: date.getUTCDate(),
      month: date.getUTCMonth() + 1,
      year: date.getUTCFullYear(),
      hour: date.getUTCHours(),
      isoPrefix: date.toISOString().slice(0, 20),
      expireAt: new Date((second + expireAfterSeconds) * 1000).toISOString(),
    };
  }
  return parts;
}

/** Tyk's analytics record for a finished request (raw request/response are not captured yet). */
export function buildRecord(
  ctx: RequestContext,
  status: number,
  expireAfterSeconds: number,
): AnalyticsRecord {
  const nowMs = Date.now();
  const time = secondParts(nowMs, expireAfterSeconds);
  const spec = ctx.spec;
  const session = ctx.session;
  const keyTags = ctx.keyId ? [`key-${ctx.keyId}`] : [];
  return {
    id: nextRecordId(),
    method: ctx.req.method ?? 'GET',
    host: ctx.req.headers.host ?? '',
    path: spec.listenPath + ctx.path,
    raw_path: ctx.req.url ?? '',
    content_length: Number(ctx.req.headers['content-length'] ?? 0),
    user_agent: ctx.req.headers['user-agent'] ?? '',
    day: time.day,
    month: time.month,
    year: time.year,
    hour: time.hour,
    response_code: status,
    api_key: ctx.keyId ?? '',
    timestamp: `${time.isoPrefix}${String(nowMs % 1000).padStart(3, '0')}Z`,
    api_version: ctx.version.name,
    api_name: spec.name,
    api_id: spec.apiId,
    org_id: spec.orgId,
    oauth_id: '',
    request_time: nowMs - ctx.startedAt,
    raw_request: '',
    raw_response: '',
    ip_address: ctx.clientIp,
    latency: { total: nowMs - ctx.startedAt, upstream: Math.round(ctx.upstreamMs) },
    tags: [...spec.tags, ...(session?.tags ?? []), ...keyTags, `org-${spec.orgId}`, `api-${spec.apiId}`],
    alias: session?.alias ?? '',
    track_path: false,
    expireAt: time.expireAt,
  };
}
