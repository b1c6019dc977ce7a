/** Where a token starts in the mapping's text, 1-based, as editors count. */
export interface Position {
  line: number;
  column: number;
}

export type TokenKind = 'ident' | 'number' | 'string' | 'variable' | 'op' | 'newline' | 'end';

export interface Token extends Position {
  kind: TokenKind;
  text: string;
  /** A string literal's decoded value, a number's value. */
  value?: string | number;
}

/** A mapping outside the supported subset, with where it stops making sense. */
export class MappingSyntaxError extends Error {
  constructor(
    readonly at: Position,
    readonly reason: string,
  ) {
    super(`line ${at.line}, column ${at.column}: ${reason}`);
  }
}

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '=', '<', '>', '+', '-', '*', '/', '%', '!', '|'];
const PUNCTUATION = new Set(['.', ',', '(', ')', '{', '}', '[', ']', ':']);
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/' };
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;

/** Splits a mapping into tokens; newlines separate statements, `#` starts a comment. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let line = 1;
  let lineStart = 0;
  const at = (): Position => ({ line, column: index - lineStart + 1 });
  while (index < source.length) {
    const char = source[index];
    if (char === '\n') {
      tokens.push({ kind: 'newline', text: '\n', ...at() });
      index++;
      line++;
      lineStart = index;
    } else if (char === ' ' || char === '\t' || char === '\r') {
      index++;
    } else if (char === '#') {
      while (index < source.length && source[index] !== '\n') index++;
    } else if (char === '"') {
      const start = at();
      const { value, end } = readString(source, index, start);
      tokens.push({ kind: 'string', text: source.slice(index, end), value, ...start });
      index = end;
    } else if (/[0-9]/.test(char)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(index, index + 64));
      const text = match ? match[0] : char;
      tokens.push({ kind: 'number', text, value: Number(text), ...at() });
      index += text.length;
    } else if (IDENT_START.test(char) || char === '$') {
      const start = at();
      let end = index + 1;
      while (end < source.length && IDENT_PART.test(source[end])) end++;
      const text = source.slice(index, end);
      if (text === '$') throw new MappingSyntaxError(start, 'expected a variable name after "$"');
      tokens.push({ kind: char === '$' ? 'variable' : 'ident', text, ...start });
      index = end;
    } else {
      const operator = OPERATORS.find((op) => source.startsWith(op, index));
      const text = operator ?? (PUNCTUATION.has(char) ? char : undefined);
      if (!text) throw new MappingSyntaxError(at(), `unexpected character ${JSON.stringify(char)}`);
      tokens.push({ kind: 'op', text, ...at() });
      index += text.length;
    }
  }
  tokens.push({ kind: 'end', text: '', ...at() });
  return tokens;
}

function readString(source: string, from: number, start: Position): { value: string; end: number } {
  let value = '';
  let index = from + 1;
  while (index < source.length) {
    const char = source[index];
    if (char === '"') return { value, end: index + 1 };
    if (char === '\n') break;
    if (char === '\\') {
      const next = source[index + 1];
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(index + 2, index + 6))) {
        value += String.fromCharCode(parseInt(source.slice(index + 2, index + 6), 16));
        index += 6;
        continue;
      }
      const escaped = ESCAPES[next];
      if (escaped === undefined) throw new MappingSyntaxError(start, `unknown escape "\\${next ?? ''}"`);
      value += escaped;
      index += 2;
      continue;
    }
    value += char;
    index++;
  }
  throw new MappingSyntaxError(start, 'string not closed on its line');
}
