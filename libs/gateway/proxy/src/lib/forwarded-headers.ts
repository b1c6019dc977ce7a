import type { IncomingHttpHeaders } from 'node:http';

/** Headers that describe one hop's connection and must not be forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

export type OutgoingHeaders = Record<string, string | string[]>;

function connectionTokens(headers: IncomingHttpHeaders | OutgoingHeaders): Set<string> {
  const value = headers['connection'];
  const tokens = new Set<string>();
  for (const entry of Array.isArray(value) ? value : value ? [value] : []) {
    for (const token of entry.split(',')) tokens.add(token.trim().toLowerCase());
  }
  return tokens;
}

/**
 * Copies end-to-end headers, dropping hop-by-hop ones, any the Connection header names, and HTTP/2's
 * pseudo-headers (`:path`, `:authority`, …), which describe this hop's request line.
 */
export function endToEndHeaders(headers: IncomingHttpHeaders | OutgoingHeaders): OutgoingHeaders {
  const named = connectionTokens(headers);
  const result: OutgoingHeaders = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name) || name.startsWith(':')) continue;
    result[name] = value;
  }
  return result;
}

/** Appends the client address to X-Forwarded-For, as every proxy in the chain does. */
export function appendForwardedFor(headers: OutgoingHeaders, clientAddress: string | undefined): void {
  if (!clientAddress) return;
  const existing = headers['x-forwarded-for'];
  const prior = Array.isArray(existing) ? existing.join(', ') : existing;
  headers['x-forwarded-for'] = prior ? `${prior}, ${clientAddress}` : clientAddress;
}

/** The Cookie header without the named cookies (a key sent as a cookie and stripped); undefined if empty. */
export function withoutCookies(cookieHeader: string, names: readonly string[]): string | undefined {
  const kept = cookieHeader.split(';').filter((part) => {
    const separator = part.indexOf('=');
    const name = (separator === -1 ? part : part.slice(0, separator)).trim();
    return name !== '' && !names.includes(name);
  });
  return kept.length > 0 ? kept.map((part) => part.trim()).join('; ') : undefined;
}
