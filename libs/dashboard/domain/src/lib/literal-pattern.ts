const PATTERN_SYNTAX = /[.*+?^${}()|[\]\\]/g;

/**
 * `text` as a regular expression that matches exactly that text: every character with a meaning in a
 * pattern is escaped, so user input searched with it can neither widen the match nor backtrack.
 */
export function literalPattern(text: string): string {
  return text.replace(PATTERN_SYNTAX, '\\$&');
}
