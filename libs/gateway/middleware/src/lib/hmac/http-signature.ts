import type { RequestContext } from '@gatehouse/gateway-core';

/**
 * The parts of Tyk's HTTP signature check that read the request (gateway/mw_http_signature_validation.go,
 * v5.10.2): the Authorization header's fields, the string the client signed, and the request date.
 */

export const HMAC_DIGESTS: Record<string, string> = {
  'hmac-sha1': 'sha1',
  'hmac-sha256': 'sha256',
  'hmac-sha384': 'sha384',
  'hmac-sha512': 'sha512',
};

export interface SignatureHeader {
  keyId: string;
  algorithm: string;
  headers: string[];
  signature: string;
}

const FIELDS = new Set(['keyid', 'algorithm', 'headers', 'signature']);

/**
 * `[Signature ]keyId="…",algorithm="hmac-sha256",headers="(request-target) date",signature="…"`:
 * undefined for anything else, including a field Tyk does not know. `headers` defaults to `date`.
 */
export function parseSignatureHeader(value: string): SignatureHeader | undefined {
  const body = value.replace(/^signature\s*/i, '');
  const fields: Record<string, string> = {};
  let rest = body;
  while (rest !== '') {
    const match = /^\s*([A-Za-z]+)\s*=\s*"([^"]*)"\s*(?:,|$)/.exec(rest);
    const name = match?.[1].toLowerCase();
    if (!match || !name || !FIELDS.has(name)) return undefined;
    fields[name] = match[2];
    rest = rest.slice(match[0].length);
  }
  if (!fields['keyid'] || !fields['signature']) return undefined;
  return {
    keyId: fields['keyid'],
    algorithm: (fields['algorithm'] ?? 'hmac-sha1').toLowerCase(),
    headers: (fields['headers'] ?? 'date').split(' ').filter(Boolean),
    signature: fields['signature'],
  };
}

/** The request path as Go's r.URL.Path holds it: percent-decoded, without the query. */
function decodedPath(ctx: RequestContext): string | undefined {
  const raw = (ctx.req.url ?? '/').split('?')[0];
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * The string the client signed: each listed header as `name: value` (empty when absent), one per line;
 * `date` is replaced by `x-aux-date` when the request carries one, for clients that cannot set Date.
 */
export function signingString(ctx: RequestContext, headers: string[]): string | undefined {
  const lines: string[] = [];
  for (const listed of headers) {
    const name = listed.trim().toLowerCase();
    if (name === '(request-target)') {
      const path = decodedPath(ctx);
      if (path === undefined) return undefined;
      lines.push(`(request-target): ${ctx.method.toLowerCase()} ${path}`);
    } else if (name === 'date' && ctx.header('x-aux-date') !== undefined) {
      lines.push(`x-aux-date: ${ctx.header('x-aux-date')?.trim()}`);
    } else {
      lines.push(`${name}: ${ctx.header(name)?.trim() ?? ''}`);
    }
  }
  return lines.join('\n');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC1123 =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (?:([A-Z]{3,5})|([+-])(\d{2}))$/;

/**
 * The request's date (`X-Aux-Date`, else `Date`) in Tyk's two layouts, `Mon, 02 Jan 2006 15:04:05 MST`
 * or `... -07`, in epoch milliseconds; undefined when absent or in any other form. As in Go, a zone
 * abbreviation counts as UTC.
 */
export function requestDate(ctx: RequestContext): number | undefined {
  const value = ctx.header('x-aux-date') ?? ctx.header('date');
  const match = value === undefined ? null : RFC1123.exec(value.trim());
  if (!match) return undefined;
  const [, day, monthName, year, hour, minute, second, , sign, offsetHours] = match;
  const month = MONTHS.indexOf(monthName);
  if (month === -1) return undefined;
  const utc = Date.UTC(Number(year), month, Number(day), Number(hour), Number(minute), Number(second));
  const offset = sign ? (sign === '-' ? -1 : 1) * Number(offsetHours) * 3_600_000 : 0;
  return utc - offset;
}
