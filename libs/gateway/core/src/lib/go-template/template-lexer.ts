/**
 * The tokens of Go's text/template (a subset: no comments inside pipelines, no char constants, no
 * complex numbers). A template is text and actions; an action's inside becomes tokens.
 */
export type Token =
  | { kind: 'field'; chain: string[] }
  | { kind: 'variable'; name: string; chain: string[] }
  | { kind: 'ident'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'punct'; value: '(' | ')' | '|' | ':=' | '=' | ',' };

export type Piece = { kind: 'text'; text: string } | { kind: 'action'; tokens: Token[] };

export class TemplateSyntaxError extends Error {}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function chainAt(source: string, at: number): { chain: string[]; end: number } {
  const chain: string[] = [];
  let end = at;
  while (source[end] === '.') {
    const name = FIELD_NAME.exec(source.slice(end + 1));
    if (!name) break;
    chain.push(name[0]);
    end += 1 + name[0].length;
  }
  return { chain, end };
}

function stringAt(source: string, at: number): { value: string; end: number } {
  if (source[at] === '`') {
    const close = source.indexOf('`', at + 1);
    if (close === -1) throw new TemplateSyntaxError('unterminated raw string');
    return { value: source.slice(at + 1, close), end: close + 1 };
  }
  let end = at + 1;
  while (end < source.length && source[end] !== '"') end += source[end] === '\\' ? 2 : 1;
  if (end >= source.length) throw new TemplateSyntaxError('unterminated quoted string');
  return { value: JSON.parse(source.slice(at, end + 1)) as string, end: end + 1 };
}

/** The tokens of one action's inside (between `{{` and `}}`). */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const char = source[at];
    if (/\s/.test(char)) {
      at++;
    } else if (source.startsWith(':=', at)) {
      tokens.push({ kind: 'punct', value: ':=' });
      at += 2;
    } else if ('()|=,'.includes(char)) {
      tokens.push({ kind: 'punct', value: char as '(' });
      at++;
    } else if (char === '"' || char === '`') {
      const found = stringAt(source, at);
      tokens.push({ kind: 'string', value: found.value });
      at = found.end;
    } else if (char === '.') {
      const found = chainAt(source, at);
      tokens.push({ kind: 'field', chain: found.chain });
      at = found.end === at ? at + 1 : found.end;
    } else if (char === '$') {
      const name = /^\$[A-Za-z0-9_]*/.exec(source.slice(at))?.[0] ?? '$';
      const found = chainAt(source, at + name.length);
      tokens.push({ kind: 'variable', name, chain: found.chain });
      at = found.end;
    } else if (/[-+0-9]/.test(char)) {
      const number = /^[-+]?(?:0x[0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/.exec(source.slice(at));
      if (!number) throw new TemplateSyntaxError(`bad number at ${source.slice(at, at + 10)}`);
      tokens.push({ kind: 'number', value: Number(number[0]) });
      at += number[0].length;
    } else {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(at));
      if (!name) throw new TemplateSyntaxError(`unexpected "${char}" in action`);
      tokens.push({ kind: 'ident', name: name[0] });
      at += name[0].length;
    }
  }
  return tokens;
}

/** Splits a template into text and actions, honouring `{{-` and `-}}` (trim the spaces beside them). */
export function splitTemplate(template: string): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  let trimNext = false;
  while (at <= template.length) {
    const open = template.indexOf('{{', at);
    let text = template.slice(at, open === -1 ? undefined : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open === -1) {
      if (text) pieces.push({ kind: 'text', text });
      break;
    }
    const trimLeft = template.startsWith('{{- ', open);
    if (trimLeft) text = text.replace(/\s+$/, '');
    if (text) pieces.push({ kind: 'text', text });
    const close = template.indexOf('}}', open + 2);
    if (close === -1) throw new TemplateSyntaxError('unclosed action');
    trimNext = template.slice(close - 2, close) === ' -';
    const inside = template.slice(open + (trimLeft ? 3 : 2), trimNext ? close - 2 : close).trim();
    if (!(inside.startsWith('/*') && inside.endsWith('*/')))
      pieces.push({ kind: 'action', tokens: tokenize(inside) });
    at = close + 2;
  }
  return pieces;
}
