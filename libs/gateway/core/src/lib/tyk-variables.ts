import type { RequestContext } from './request-context';

/**
 * Tyk's `$tyk_context.*` and `$tyk_meta.*` variables (gateway/mw_context_vars.go, mw_url_rewrite.go
 * ReplaceTykVariables; v5.10.2). An unknown variable, or a context variable of an API without
 * `enable_context_vars`, becomes ''. `$secret_*` variables are not read: a definition must not be able
 * to copy the gateway's environment into a request.
 */
const VARIABLE = /\$(tyk_context|tyk_meta)\.([A-Za-z0-9_\-.]+)/g;

/** Go's url.QueryEscape: everything but letters, digits and `-_.~` escaped, a space as '+'. */
export function goQueryEscape(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** Tyk's valToStr: strings as they are, numbers in plain notation, lists escaped and joined; else ''. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) {
    return value
      .map(text)
      .filter((item) => item !== '')
      .map(goQueryEscape)
      .join(',');
  }
  return '';
}

function own(record: Record<string, unknown> | undefined, name: string): unknown {
  return record && Object.hasOwn(record, name) ? record[name] : undefined;
}

/** Go's CanonicalMIMEHeaderKey: `x-tenant-id` is `X-Tenant-Id`, as Tyk names headers. */
export function canonicalHeaderName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/(^|-)([a-z])/g, (_all, dash: string, letter: string) => dash + letter.toUpperCase());
}

function decodedPath(ctx: RequestContext): string {
  const raw = (ctx.req.url ?? '/').split('?')[0];
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function cookieValue(ctx: RequestContext, name: string): string | undefined {
  for (const part of (ctx.header('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim().replaceAll('-', '_') === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function queryValue(ctx: RequestContext, name: string): string | undefined {
  for (const [key, value] of new URLSearchParams(ctx.query))
    if (key.replaceAll('-', '_') === name) return value;
  return undefined;
}

function requestData(ctx: RequestContext): string {
  const params = new URLSearchParams(ctx.query);
  return [...new Set(params.keys())].map((key) => `${key}:${params.getAll(key).join(',')}`).join(';');
}

/** A `$tyk_context` value: URL-rewrite trigger captures always, the request's values when enabled. */
export function contextValue(ctx: RequestContext, name: string): string | undefined {
  const captured = own(ctx.contextData, name);
  if (captured !== undefined) return text(captured);
  if (!ctx.spec.enableContextVars) return undefined;
  switch (name) {
    case 'path':
      return decodedPath(ctx);
    case 'path_parts':
      return decodedPath(ctx).split('/').join(',').replace(/^,/, '');
    case 'remote_addr':
      return ctx.clientIp;
    case 'request_id':
      return ctx.requestId;
    case 'token':
      return ctx.presentedKey;
    case 'request_data':
      return requestData(ctx);
    case 'headers_Host':
      return ctx.header('host');
  }
  if (name.startsWith('headers_')) {
    const header = name.slice(8).replaceAll('_', '-').toLowerCase();
    return canonicalHeaderName(header).replaceAll('-', '_') === name.slice(8)
      ? ctx.header(header)
      : undefined;
  }
  if (name.startsWith('request_data_')) return queryValue(ctx, name.slice(13));
  if (name.startsWith('cookies_')) return cookieValue(ctx, name.slice(8));
  if (name.startsWith('jwt_claims_')) return text(own(ctx.jwtClaims, name.slice(11)));
  return undefined;
}

/**
 * `input` with every variable replaced; `escape` (URL rewrites) query-escapes each value unless it
 * starts with `http`, as Tyk does.
 */
export function substituteTykVariables(input: string, ctx: RequestContext, escape: boolean): string {
  if (!input.includes('$tyk_')) return input;
  return input.replace(VARIABLE, (_all, family: string, name: string) => {
    const value =
      (family === 'tyk_meta' ? text(own(ctx.session?.meta_data, name)) : contextValue(ctx, name)) ?? '';
    if (escape) return value.startsWith('http') ? value : goQueryEscape(value);
    // A decoded query value may hold a line break: it must never split the header it is put in.
    return value.replace(/[\r\n\0]/g, '');
  });
}
