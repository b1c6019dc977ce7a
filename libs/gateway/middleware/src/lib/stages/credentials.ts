import type { TokenAuthSpec } from '@gatehouse/gateway-core';

/** Tyk accepts `Authorization: Bearer <key>` as well as the bare key. */
export function stripBearer(value: string): string {
  return /^bearer\s+/i.test(value) ? value.replace(/^bearer\s+/i, '') : value;
}

/** A cookie's decoded value; 'malformed' when its percent-encoding is invalid (a 400, never a 500). */
export function cookieValue(
  cookieHeader: string | undefined,
  name: string,
): string | undefined | 'malformed' {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return 'malformed';
      }
    }
  }
  return undefined;
}

export interface FoundToken {
  key: string;
  from: 'header' | 'param' | 'cookie';
}

/** Reads the key where the API says it travels: header first, then query parameter, then cookie. */
export function readToken(
  spec: TokenAuthSpec,
  header: (name: string) => string | undefined,
  query: string,
): FoundToken | 'malformed' | undefined {
  if (spec.header) {
    const value = header(spec.header);
    if (value) return { key: stripBearer(value.trim()), from: 'header' };
  }
  if (spec.param && query) {
    const value = new URLSearchParams(query).get(spec.param);
    if (value) return { key: value, from: 'param' };
  }
  if (spec.cookie) {
    const value = cookieValue(header('cookie'), spec.cookie);
    if (value === 'malformed') return value;
    if (value) return { key: value, from: 'cookie' };
  }
  return undefined;
}

/** Removes one query parameter, keeping the others in order. */
export function withoutParam(query: string, name: string): string {
  const params = new URLSearchParams(query);
  params.delete(name);
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}
