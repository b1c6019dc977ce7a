import type { ContextRef, TemplatePart } from './ast';

/**
 * `$tyk_context.<name>` and `$tyk_meta.<name>`: Tyk's request context variables and session metadata,
 * resolved for one connection at run time. Never spliced into the mapping's text, so a header value can
 * only ever be a string value, not code.
 */
const PLACEHOLDER = /\$(tyk_context|tyk_meta)\.([A-Za-z0-9_.-]*[A-Za-z0-9_-])/g;

/**
 * Names resolvable from a request: fixed ones, and families whose suffix names a header, query or form
 * field, JWT claim or cookie. `token` (the raw key) is left out on purpose: a stream must not be able to
 * copy a caller's credential into a topic.
 */
const FIXED = new Set(['path', 'path_parts', 'remote_addr', 'request_id', 'api_id', 'org_id', 'key_alias']);
const FAMILIES = ['headers_', 'request_data.', 'request_data_', 'jwt_claims_', 'jwt_claims.', 'cookies_'];

/** Why `ref` can never resolve, or undefined when it can. */
export function contextRefProblem(ref: ContextRef): string | undefined {
  if (ref.source === 'tyk_meta') return undefined;
  if (ref.name === 'token') return '$tyk_context.token (the raw key) is not available to streams';
  if (FIXED.has(ref.name)) return undefined;
  if (FAMILIES.some((family) => ref.name.startsWith(family) && ref.name.length > family.length))
    return undefined;
  return `unknown context variable $tyk_context.${ref.name}`;
}

/** A string literal split into text and placeholders; a plain string is one text part. */
export function splitTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ source: match[1] as ContextRef['source'], name: match[2] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** True when a component field's value carries a placeholder. */
export function hasPlaceholder(text: string): boolean {
  return splitTemplate(text).some((part) => typeof part !== 'string');
}
