import type { LinearRegex } from '@gatehouse/shared-kernel';
import { compilePathPattern } from '@gatehouse/shared-tyk-compat';

export { compilePathPattern };

/**
 * A path from an API definition's extended paths. Tyk treats these as regular expressions (Go's RE2)
 * in which `{name}` stands for one path segment; see compilePathPattern for the anchoring. Patterns run
 * on a linear-time engine, so one pattern can never stall the gateway.
 */
export interface PathRule {
  pattern: LinearRegex;
  /** Upper-case method, or '' for any method. */
  method: string;
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
