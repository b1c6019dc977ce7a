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

/** Tyk's analytics record for a finished request (raw request/response are not captured yet). */
export function buildRecord(
  ctx: RequestContext,
  status: number,
  expireAfterSeconds: number,
): AnalyticsRecord {
  const now = new Date();
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
    day: now.getUTCDate(),
    month: now.getUTCMonth() + 1,
    year: now.getUTCFullYear(),
    hour: now.getUTCHours(),
    response_code: status,
    api_key: ctx.keyId ?? '',
    timestamp: now.toISOString(),
    api_version: ctx.version.name,
    api_name: spec.name,
    api_id: spec.apiId,
    org_id: spec.orgId,
    oauth_id: '',
    request_time: Math.round(now.getTime() - ctx.startedAt),
    raw_request: '',
    raw_response: '',
    ip_address: ctx.clientIp,
    latency: { total: Math.round(now.getTime() - ctx.startedAt), upstream: Math.round(ctx.upstreamMs) },
    tags: [...spec.tags, ...(session?.tags ?? []), ...keyTags, `org-${spec.orgId}`, `api-${spec.apiId}`],
    alias: session?.alias ?? '',
    track_path: false,
    expireAt: new Date(now.getTime() + expireAfterSeconds * 1000).toISOString(),
  };
}
