import { RE2JS } from 're2js';

/** A pattern from configuration that is not valid RE2 syntax (lookarounds and backreferences are not). */
export class PatternSyntaxError extends Error {}

/**
 * A user-supplied regular expression that matches in time linear in its input, whatever the pattern:
 * RE2 semantics, as Tyk's Go regexp. JavaScript's backtracking engine took 4 s on `(a+)+$` against a
 * 31-character path, stalling every API of the gateway; patterns without quantifiers or alternation
 * (most Tyk paths) cannot backtrack, so they keep V8's faster engine.
 */
export interface LinearRegex {
  readonly source: string;
  /** True when the pattern matches anywhere in `input` (anchors in the pattern apply). */
  test(input: string): boolean;
  /** `input` with the first match replaced; `$1`, `${name}` name groups in `replacement`. */
  replaceFirst(input: string, replacement: string): string;
  /**
   * The first match and its groups (Go's FindStringSubmatch: '' for a group that took no part), or
   * undefined when nothing matches.
   */
  firstMatch(input: string): string[] | undefined;
}

function firstMatchOf(compiled: RE2JS, input: string): string[] | undefined {
  const matcher = compiled.matcher(input);
  if (!matcher.find()) return undefined;
  const groups: string[] = [];
  for (let index = 0; index <= matcher.groupCount(); index++) groups.push(matcher.group(index) ?? '');
  return groups;
}

/** Quantifiers, alternation, groups and escapes: anything that could make a backtracking engine slow. */
const MAY_BACKTRACK = /[*+?{}|()\\]/;

class Re2Regex implements LinearRegex {
  constructor(
    readonly source: string,
    private readonly compiled: RE2JS,
  ) {}

  test(input: string): boolean {
    return this.compiled.matcher(input).find();
  }

  replaceFirst(input: string, replacement: string): string {
    return this.compiled.matcher(input).replaceFirst(replacement);
  }

  firstMatch(input: string): string[] | undefined {
    return firstMatchOf(this.compiled, input);
  }
}

class BacktrackFreeRegex implements LinearRegex {
  constructor(
    readonly source: string,
    private readonly compiled: RegExp,
    private readonly re2: RE2JS,
  ) {}

  test(input: string): boolean {
    return this.compiled.test(input);
  }

  replaceFirst(input: string, replacement: string): string {
    return this.re2.matcher(input).replaceFirst(replacement);
  }

  firstMatch(input: string): string[] | undefined {
    return this.compiled.test(input) ? firstMatchOf(this.re2, input) : undefined;
  }
}

/**
 * Compiles a pattern with RE2 semantics (throws {@link PatternSyntaxError} for what RE2 refuses, so a
 * definition is refused at load, never at request time). `safeSubpatterns` are fragments the caller
 * inserted itself and knows to be backtrack-free (such as `[^/]+` for a `{param}`).
 */
export function compileLinearRegex(
  source: string,
  options: { ignoreCase?: boolean; safeSubpatterns?: readonly string[] } = {},
): LinearRegex {
  let re2: RE2JS;
  try {
    re2 = RE2JS.compile(source, options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    throw new PatternSyntaxError(`not a valid RE2 pattern: ${(error as Error).message}`);
  }
  let rest = source;
  for (const safe of options.safeSubpatterns ?? []) rest = rest.split(safe).join('');
  if (MAY_BACKTRACK.test(rest)) return new Re2Regex(source, re2);
  return new BacktrackFreeRegex(source, new RegExp(source, options.ignoreCase ? 'i' : ''), re2);
}
