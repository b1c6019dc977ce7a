const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]

/** How deep objects and arrays may nest in a request body; real Tyk definitions stay far below it. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests objects and arrays deeper than `maxDepth`. Parsing such a body succeeds, but
 * recursive code after it overflows the stack (zod's schema for free-form JSON does at 5,000 levels),
 * which surfaced as a 500. One pass over the text with a counter: no recursion and no allocation, so a
 * hostile body costs linear time and constant stack. Brackets inside strings are skipped, escapes
 * included. The text need not be valid JSON: the parser judges that afterwards.
 */
export function jsonNestingExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      // An escape's next character (a quote or backslash among them) never ends the string.
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      // Unbalanced closers are malformed JSON (the parser refuses it); never let them buy extra depth.
      depth = Math.max(0, depth - 1);
    }
  }
  return false;
}
