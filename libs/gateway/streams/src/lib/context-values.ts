import type { RequestContext } from '@gatehouse/gateway-core';
import type { ContextRef, ContextValues } from '@gatehouse/shared-streams';

function scalar(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Own properties only: `$tyk_meta.constructor` must not read the prototype. */
function own(record: Record<string, unknown> | undefined, name: string): string | undefined {
  return record && Object.hasOwn(record, name) ? scalar(record[name]) : undefined;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Tyk's context variables for one connection (a consumer or a publisher), read once when it connects:
 * the request's headers (`headers_X_Tenant` is `X-Tenant`), query (`request_data.name`), cookies, JWT
 * claims, path and ids, and the session's `meta_data` as `$tyk_meta`. Values are data only: a mapping
 * reads them as strings, never as code.
 */
export function requestContextValues(ctx: RequestContext): ContextValues {
  const query = new URLSearchParams(ctx.query);
  const session = ctx.session;
  const fixed: Record<string, string | undefined> = {
    path: ctx.req.url?.split('?')[0],
    path_parts: ctx.path.split('/').filter(Boolean).join(','),
    remote_addr: ctx.clientIp,
    request_id: ctx.requestId,
    api_id: ctx.spec.apiId,
    org_id: ctx.spec.orgId,
    key_alias: session?.alias,
  };
  return {
    resolve(ref: ContextRef): string | undefined {
      if (ref.source === 'tyk_meta') return own(session?.meta_data, ref.name);
      const name = ref.name;
      if (Object.hasOwn(fixed, name)) return fixed[name];
      if (name.startsWith('headers_')) return ctx.header(name.slice(8).replaceAll('_', '-').toLowerCase());
      if (name.startsWith('request_data.') || name.startsWith('request_data_'))
        return query.get(name.slice(13)) ?? undefined;
      if (name.startsWith('jwt_claims_') || name.startsWith('jwt_claims.'))
        return own(ctx.jwtClaims, name.slice(11));
      if (name.startsWith('cookies_')) return cookie(ctx.header('cookie'), name.slice(8));
      return undefined;
    },
  };
}
