/** Reading an OAuth endpoint's request as Go's net/http and osin read it. */
import type { IncomingMessage } from 'node:http';

/** Form fields, each with its values in Go's order (body before query). */
export type FormValues = Map<string, string[]>;

/** Largest body an OAuth endpoint reads: a token request is a few hundred bytes. */
export const MAX_OAUTH_BODY_BYTES = 64 * 1024;

/** The body, or undefined when it is larger than `limit` (the rest is not read into memory). */
export function readBody(req: IncomingMessage, limit = MAX_OAUTH_BODY_BYTES): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    // A client that went away before the end: nothing to answer, but the promise must settle.
    req.once('close', () => resolve(undefined));
  });
}

/** Go's url.QueryUnescape: `+` is a space, and a bad escape is an error (undefined). */
function unescape(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Go's url.ParseQuery into `into`; false when any pair is malformed (a `;` included, as Go 1.17+). */
export function parseQueryInto(text: string, into: FormValues): boolean {
  let ok = true;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    if (pair.includes(';')) {
      ok = false;
      continue;
    }
    const at = pair.indexOf('=');
    const key = unescape(at === -1 ? pair : pair.slice(0, at));
    const value = unescape(at === -1 ? '' : pair.slice(at + 1));
    if (key === undefined || value === undefined) {
      ok = false;
      continue;
    }
    const values = into.get(key);
    if (values) values.push(value);
    else into.set(key, [value]);
  }
  return ok;
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Go's Request.ParseForm: a urlencoded body of a POST, PUT or PATCH (PostForm), then the query. Answers
 * both, or 'malformed' for what Go refuses.
 */
export function parseForm(
  req: IncomingMessage,
  body: Buffer,
  query: string,
): { form: FormValues; postForm: FormValues } | 'malformed' {
  const postForm: FormValues = new Map();
  let ok = true;
  const method = req.method ?? 'GET';
  if (['POST', 'PUT', 'PATCH'].includes(method) && mediaType(req) === 'application/x-www-form-urlencoded')
    ok = parseQueryInto(body.toString('utf8'), postForm);
  const form: FormValues = new Map([...postForm].map(([key, values]) => [key, [...values]]));
  ok = parseQueryInto(query.replace(/^\?/, ''), form) && ok;
  return ok ? { form, postForm } : 'malformed';
}

/** Tyk's JSONToFormValues: a JSON object of strings replaces form fields, only for exactly this type. */
export function applyJsonBody(req: IncomingMessage, body: Buffer, form: FormValues): void {
  if (req.headers['content-type'] !== 'application/json') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return;
  const entries = Object.entries(parsed as Record<string, unknown>);
  // Go's decode into map[string]string fails whole on one non-string value: then nothing is set.
  if (!entries.every(([, value]) => typeof value === 'string')) return;
  for (const [key, value] of entries) form.set(key, [value as string]);
}

/** Go's Values.Get: the first value, '' when absent. */
export function field(form: FormValues, name: string): string {
  return form.get(name)?.[0] ?? '';
}

const STRICT_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * osin's CheckBasicAuth, the only client authentication it allows here (client_secret in the form is
 * off, as in Tyk): `Basic` (case-sensitive), padded base64, split at the first colon. Undefined for a
 * missing or malformed header alike: osin answers both with invalid_request.
 */
export function basicClientAuth(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header) return undefined;
  const space = header.indexOf(' ');
  if (space === -1 || header.slice(0, space) !== 'Basic') return undefined;
  const encoded = header.slice(space + 1);
  if (encoded.length % 4 !== 0 || !STRICT_BASE64.test(encoded)) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
