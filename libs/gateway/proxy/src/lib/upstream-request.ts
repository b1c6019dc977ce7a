import type { RequestContext } from '@gatehouse/gateway-core';
import { REQUEST_ID_HEADER } from '@gatehouse/shared-observability';

import type { UpstreamTarget } from './compiled-api';
import { appendForwardedFor, endToEndHeaders, OutgoingHeaders, withoutCookies } from './forwarded-headers';

export interface UpstreamRequest {
  origin: string;
  path: string;
  headers: OutgoingHeaders;
}

/** Where the request goes: a rewrite to an absolute URL, or the picked target plus the routed path. */
export function upstreamRequest(ctx: RequestContext, target: UpstreamTarget): UpstreamRequest {
  const headers = endToEndHeaders(ctx.req.headers);
  for (const name of ctx.removeUpstreamHeaders) delete headers[name];
  const cookie = headers['cookie'];
  if (ctx.removeUpstreamCookies.length > 0 && typeof cookie === 'string') {
    const kept = withoutCookies(cookie, ctx.removeUpstreamCookies);
    if (kept === undefined) delete headers['cookie'];
    else headers['cookie'] = kept;
  }
  for (const name in ctx.setUpstreamHeaders) headers[name] = ctx.setUpstreamHeaders[name];
  appendForwardedFor(headers, ctx.clientIp);
  headers[REQUEST_ID_HEADER] = ctx.requestId;
  if (ctx.spec.upstream.preserveHost && ctx.req.headers.host) headers['host'] = ctx.req.headers.host;
  // A URL rewrite replaced the whole URL, query included, as in Tyk.
  if (ctx.upstreamOverride) {
    const url = new URL(ctx.upstreamOverride);
    return { origin: url.origin, path: `${url.pathname}${url.search}`, headers };
  }
  if (ctx.rewrittenPath !== undefined) {
    return { origin: target.origin, path: `${target.basePath}${ctx.rewrittenPath}`, headers };
  }
  const listenPath = ctx.spec.stripListenPath ? '' : ctx.spec.listenPath;
  const path = `${target.basePath}${listenPath}${ctx.path}`;
  return { origin: target.origin, path: `${path === '' ? '/' : path}${ctx.query}`, headers };
}
