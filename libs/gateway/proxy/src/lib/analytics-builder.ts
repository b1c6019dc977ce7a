import type { RequestContext } from '@gatehouse/gateway-core';
import type { AnalyticsRecord } from '@gatehouse/shared-tyk-compat';

import { recordedUrl } from './recorded-request';

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

/**
 * The stream record for a finished request, with the raw request and response (base64, as Tyk) when
 * detailed recording captured them. Only what cannot be derived later is computed here, on the hot path.
 */
export function buildRecord(ctx: RequestContext, status: number): AnalyticsRecord {
  const now = Date.now();
  const spec = ctx.spec;
  const session = ctx.session;
  const record: AnalyticsRecord = {
    id: nextRecordId(),
    timestamp: now,
    method: ctx.req.method ?? 'GET',
    host: ctx.req.headers.host ?? '',
    path: spec.listenPath + ctx.path,
    raw_path: recordedUrl(ctx),
    content_length: Number(ctx.req.headers['content-length'] ?? 0),
    user_agent: ctx.req.headers['user-agent'] ?? '',
    response_code: status,
    // A reference, never the lookup id: records travel to MongoDB, Kafka and files (obfuscate_keys).
    api_key: ctx.keyRef ?? '',
    api_version: ctx.version.name,
    api_name: spec.name,
    api_id: spec.apiId,
    org_id: spec.orgId,
    ip_address: ctx.clientIp,
    latency: { total: now - ctx.startedAt, upstream: Math.round(ctx.upstreamMs) },
    tags: session && session.tags.length > 0 ? [...spec.tags, ...session.tags] : spec.tags,
  };
  if (session?.alias) record.alias = session.alias;
  // Tyk records the OAuth client of a token (its id, never the token itself).
  if (session?.oauth_client_id) record.oauth_id = session.oauth_client_id;
  if (ctx.streamed) record.stream = { ...ctx.streamed };
  if (ctx.capture) {
    record.raw_request = Buffer.concat(ctx.capture.request).toString('base64');
    record.raw_response = Buffer.concat(ctx.capture.response).toString('base64');
  }
  return record;
}
