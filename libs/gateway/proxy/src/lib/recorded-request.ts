import type { ApiSpec, RequestContext } from '@gatehouse/gateway-core';

/** Headers that carry credentials in any API: never recorded as sent. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-tyk-authorization', 'cookie']);

const MASK = '[redacted]';

/** The query parameters and headers this API reads keys from (auth token and JWT). */
function credentialNames(spec: ApiSpec): { params: string[]; headers: string[] } {
  const sources = [spec.auth.token, spec.auth.jwt?.token].filter((source) => source !== undefined);
  return {
    params: sources.map((source) => source.param).filter(Boolean),
    headers: sources.map((source) => source.header).filter(Boolean),
  };
}

/**
 * The request URL as analytics and detailed recording keep it: without the parameters that carry the
 * API's keys, so a key sent as `?authorization=` never lands in MongoDB, Kafka or a CSV file.
 */
export function recordedUrl(ctx: RequestContext): string {
  const url = ctx.req.url ?? '/';
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return url;
  const { params } = credentialNames(ctx.spec);
  if (params.length === 0) return url;
  const query = new URLSearchParams(url.slice(queryAt + 1));
  let removed = false;
  for (const name of params) {
    if (query.has(name)) {
      query.delete(name);
      removed = true;
    }
  }
  if (!removed) return url;
  const rest = query.toString();
  return rest ? `${url.slice(0, queryAt)}?${rest}` : url.slice(0, queryAt);
}

/** A request header as detailed recording keeps it: credentials replaced by a mask. */
export function recordedHeader(spec: ApiSpec, name: string, value: string): string {
  const lower = name.toLowerCase();
  if (CREDENTIAL_HEADERS.has(lower) || credentialNames(spec).headers.includes(lower)) return MASK;
  return value;
}
