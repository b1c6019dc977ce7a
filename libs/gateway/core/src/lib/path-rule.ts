/**
 * A path from an API definition's extended paths or a key's allowed URLs. Tyk treats these as regular
 * expressions in which `{name}` stands for one path segment. We match them anchored at the start of
 * the path, like Tyk's prefix matching mode: `/orders` matches `/orders` and `/orders/7`, not
 * `/archive/orders` (Tyk's legacy unanchored match would).
 */
export interface PathRule {
  pattern: RegExp;
  /** Upper-case method, or '' for any method. */
  method: string;
}

const SEGMENT_PARAM = /\{[^}/]*\}/g;

export function compilePathPattern(path: string, ignoreCase = false): RegExp {
  const body = path.replace(SEGMENT_PARAM, '[^/]+');
  const anchoredEnd = body.endsWith('$') || body.endsWith('/');
  return new RegExp(`^${body}${anchoredEnd ? '' : '(?=$|[/?])'}`, ignoreCase ? 'i' : '');
}

export function pathRule(path: string, method = '', ignoreCase = false): PathRule {
  return { pattern: compilePathPattern(path, ignoreCase), method: method.toUpperCase() };
}

export function ruleMatches(rule: PathRule, path: string, method: string): boolean {
  return (rule.method === '' || rule.method === method) && rule.pattern.test(path);
}

/** The first rule matching the request, or undefined. */
export function findRule<R extends PathRule>(
  rules: readonly R[],
  path: string,
  method: string,
): R | undefined {
  for (const rule of rules) if (ruleMatches(rule, path, method)) return rule;
  return undefined;
}
