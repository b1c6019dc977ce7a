import { compileLinearRegex, LinearRegex, PatternSyntaxError } from '@gatehouse/shared-kernel';

const SEGMENT_PARAM = /\{[^}/]*\}/g;
const SEGMENT = '[^/]+';
const SEGMENT_END = '(?:$|[/?])';

/**
 * A Tyk path (a regular expression in which `{name}` stands for one segment) compiled to match at the
 * start of a canonical path, on a linear-time engine. `/orders` matches `/orders` and `/orders/7`, not
 * `/archive/orders`. Throws {@link PatternSyntaxError} when the path is not valid RE2 (as Go's regexp).
 */
export function compilePathPattern(path: string, ignoreCase = false): LinearRegex {
  const body = path.replace(SEGMENT_PARAM, SEGMENT);
  const anchoredEnd = body.endsWith('$') || body.endsWith('/');
  return compileLinearRegex(`^${body}${anchoredEnd ? '' : SEGMENT_END}`, {
    ignoreCase,
    safeSubpatterns: [SEGMENT, SEGMENT_END],
  });
}

/** Why a Tyk path is not a usable pattern, or undefined when it is. */
export function pathPatternProblem(path: string): string | undefined {
  try {
    compilePathPattern(path);
    return undefined;
  } catch (error) {
    if (error instanceof PatternSyntaxError) return error.message;
    throw error;
  }
}
