import type { ContextRef, Expression, Statement } from './ast';
import { contextRefProblem, splitTemplate } from './context-refs';
import { METHODS } from './methods';
import { MappingSyntaxError, Position, Token, tokenize } from './tokens';

/** Functions of the subset and how many arguments each takes. */
export const FUNCTIONS: Record<string, [number, number]> = {
  deleted: [0, 0],
  meta: [0, 1],
  content: [0, 0],
  now: [0, 0],
  timestamp_unix: [0, 0],
  uuid_v4: [0, 0],
};
/** Functions that read the gateway's host: refused by name, so the message says why. */
const HOST_FUNCTIONS = new Set(['env', 'file', 'hostname', 'file_rel']);
const MAX_DEPTH = 48;
const BINARY_LEVELS: string[][] = [
  ['|'],
  ['||'],
  ['&&'],
  ['==', '!=', '<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

/** A mapping parsed to statements, and whether it reads the connection's context. */
export interface ParsedMapping {
  statements: Statement[];
  usesContext: boolean;
}

/** Parses a mapping in the supported Bloblang subset, or throws {@link MappingSyntaxError} with where. */
export function parseMapping(source: string): ParsedMapping {
  const parser = new Parser(tokenize(source));
  const statements = parser.statements(false);
  return { statements, usesContext: parser.usesContext };
}

class Parser {
  usesContext = false;
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  statements(inBlock: boolean): Statement[] {
    const list: Statement[] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token.kind === 'end' || (inBlock && token.text === '}')) return list;
      list.push(this.nested(() => this.statement()));
      const after = this.peek();
      if (after.kind !== 'newline' && after.kind !== 'end' && !(inBlock && after.text === '}'))
        this.fail(after, `expected a new line after the statement, found ${describe(after)}`);
    }
  }

  private statement(): Statement {
    const token = this.next();
    if (token.kind !== 'ident') this.fail(token, `expected an assignment, found ${describe(token)}`);
    if (token.text === 'if') return this.ifStatement(token);
    if (token.text === 'let') {
      const name = this.expect('ident', 'a variable name');
      this.expectOp('=');
      return { kind: 'let', name: name.text, value: this.expression(), at: token };
    }
    if (token.text === 'meta') {
      const key = this.peek().text === '=' ? undefined : this.key(this.next());
      this.expectOp('=');
      return { kind: 'meta', key, value: this.expression(), at: token };
    }
    if (token.text === 'this') this.fail(token, 'cannot assign to this; assign to root');
    const target = token.text === 'root' ? [] : [token.text];
    while (this.peek().text === '.') {
      this.next();
      target.push(this.key(this.next()));
    }
    this.expectOp('=');
    return { kind: 'assign', target, value: this.expression(), at: token };
  }

  private ifStatement(at: Position): Statement {
    const branches: { when: Expression; then: Statement[] }[] = [];
    let otherwise: Statement[] | undefined;
    for (;;) {
      const when = this.expression();
      this.expectOp('{');
      branches.push({ when, then: this.statements(true) });
      this.expectOp('}');
      if (!this.takeElse()) break;
      if (this.peek().text !== 'if') {
        this.expectOp('{');
        otherwise = this.statements(true);
        this.expectOp('}');
        break;
      }
      this.next();
    }
    return { kind: 'if', branches, otherwise, at };
  }

  private expression(): Expression {
    return this.nested(() => (this.peek().text === 'if' ? this.ifExpression(this.next()) : this.binary(0)));
  }

  private ifExpression(at: Position): Expression {
    const branches: { when: Expression; then: Expression }[] = [];
    let otherwise: Expression | undefined;
    for (;;) {
      const when = this.expression();
      branches.push({ when, then: this.braced() });
      if (!this.takeElse()) break;
      if (this.peek().text !== 'if') {
        otherwise = this.braced();
        break;
      }
      this.next();
    }
    return { kind: 'if', branches, otherwise, at };
  }

  private braced(): Expression {
    this.expectOp('{');
    this.skipNewlines();
    const value = this.expression();
    this.skipNewlines();
    this.expectOp('}');
    return value;
  }

  private binary(level: number): Expression {
    if (level === BINARY_LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    while (this.peek().kind === 'op' && BINARY_LEVELS[level].includes(this.peek().text)) {
      const op = this.next();
      this.skipNewlines();
      const right = this.binary(level + 1);
      left = { kind: 'binary', op: op.text, left, right, at: op };
      if (level === 3 && BINARY_LEVELS[3].includes(this.peek().text))
        this.fail(this.peek(), 'comparisons cannot be chained; use && between them');
    }
    return left;
  }

  private unary(): Expression {
    const token = this.peek();
    if (token.text === '!' || token.text === '-') {
      this.next();
      return { kind: 'unary', op: token.text, operand: this.nested(() => this.unary()), at: token };
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expression): Expression {
    let value = start;
    while (this.peek().text === '.') {
      this.next();
      const name = this.next();
      if (name.kind === 'ident' && this.peek().text === '(') {
        const method = METHODS[name.text];
        if (!method) this.fail(name, `unknown method ${name.text}() (not in the supported subset)`);
        value = {
          kind: 'method',
          target: value,
          name: name.text,
          args: this.args(name, method.arity),
          at: name,
        };
      } else if (value.kind === 'this' || value.kind === 'variable') {
        value = { ...value, path: [...value.path, this.key(name)] };
      } else {
        value = { kind: 'field', target: value, path: [this.key(name)], at: name };
      }
    }
    return value;
  }

  private primary(): Expression {
    const token = this.next();
    if (token.kind === 'number') return { kind: 'literal', value: token.value, at: token };
    if (token.kind === 'string') return this.stringLiteral(token);
    if (token.kind === 'variable') return this.variable(token);
    if (token.text === '(') {
      this.skipNewlines();
      const inner = this.expression();
      this.skipNewlines();
      this.expectOp(')');
      return inner;
    }
    if (token.text === '[')
      return { kind: 'array', items: this.list(']', () => this.expression()), at: token };
    if (token.text === '{') return { kind: 'object', entries: this.list('}', () => this.entry()), at: token };
    if (token.kind !== 'ident') this.fail(token, `expected a value, found ${describe(token)}`);
    if (token.text === 'true' || token.text === 'false')
      return { kind: 'literal', value: token.text === 'true', at: token };
    if (token.text === 'null') return { kind: 'literal', value: null, at: token };
    if (token.text === 'this') return { kind: 'this', path: [], at: token };
    if (token.text === 'root') this.fail(token, 'reading root is not supported; read the input with this');
    if (this.peek().text === '(') return this.call(token);
    // Bloblang reads a bare name as a field of the input (`name` is `this.name`).
    return { kind: 'this', path: [token.text], at: token };
  }

  private call(name: Token): Expression {
    if (HOST_FUNCTIONS.has(name.text))
      this.fail(name, `${name.text}() is not allowed: it reads the gateway's host`);
    const arity = FUNCTIONS[name.text];
    if (!arity) this.fail(name, `unknown function ${name.text}() (not in the supported subset)`);
    return { kind: 'call', name: name.text, args: this.args(name, arity), at: name };
  }

  private variable(token: Token): Expression {
    const name = token.text.slice(1);
    if (name !== 'tyk_context' && name !== 'tyk_meta') return { kind: 'variable', name, path: [], at: token };
    this.expectOp('.');
    const ref: ContextRef = { source: name, name: this.expect('ident', 'a context variable name').text };
    // The two families whose names go on with a dot: `$tyk_context.request_data.user`.
    if ((ref.name === 'request_data' || ref.name === 'jwt_claims') && this.peek().text === '.') {
      this.next();
      ref.name += `.${this.expect('ident', 'a field name').text}`;
    }
    this.checkRef(ref, token);
    return { kind: 'context', ref, at: token };
  }

  private stringLiteral(token: Token): Expression {
    const parts = splitTemplate(String(token.value));
    if (parts.every((part) => typeof part === 'string'))
      return { kind: 'literal', value: token.value, at: token };
    for (const part of parts) if (typeof part !== 'string') this.checkRef(part, token);
    return { kind: 'template', parts, at: token };
  }

  private checkRef(ref: ContextRef, at: Position): void {
    const problem = contextRefProblem(ref);
    if (problem) this.fail(at, problem);
    this.usesContext = true;
  }

  private entry(): [string, Expression] {
    const key = this.expect('string', 'a quoted key');
    this.expectOp(':');
    this.skipNewlines();
    return [String(key.value), this.expression()];
  }

  private args(name: Token, [min, max]: [number, number]): Expression[] {
    this.expectOp('(');
    const args = this.list(')', () => this.expression());
    if (args.length < min || args.length > max) {
      const wanted = min === max ? `${min}` : `${min} to ${max}`;
      this.fail(name, `${name.text}() takes ${wanted} argument(s), got ${args.length}`);
    }
    return args;
  }

  private list<T>(close: string, item: () => T): T[] {
    const items: T[] = [];
    this.skipNewlines();
    while (this.peek().text !== close) {
      items.push(item());
      this.skipNewlines();
      if (this.peek().text !== ',') break;
      this.next();
      this.skipNewlines();
    }
    this.expectOp(close);
    return items;
  }

  private key(token: Token): string {
    if (token.kind === 'ident' || token.kind === 'number') return token.text;
    if (token.kind === 'string') return String(token.value);
    return this.fail(token, `expected a field name, found ${describe(token)}`);
  }

  private takeElse(): boolean {
    let ahead = this.index;
    while (this.tokens[ahead].kind === 'newline') ahead++;
    if (this.tokens[ahead].text !== 'else') return false;
    this.index = ahead + 1;
    return true;
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) this.fail(this.peek(), `nested more than ${MAX_DEPTH} levels deep`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private expect(kind: Token['kind'], what: string): Token {
    const token = this.next();
    if (token.kind !== kind) this.fail(token, `expected ${what}, found ${describe(token)}`);
    return token;
  }

  private expectOp(text: string): void {
    const token = this.next();
    if (token.text !== text || token.kind === 'string')
      this.fail(token, `expected "${text}", found ${describe(token)}`);
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.index++;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private fail(at: Position, reason: string): never {
    throw new MappingSyntaxError({ line: at.line, column: at.column }, reason);
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the mapping';
  if (token.kind === 'newline') return 'a new line';
  return JSON.stringify(token.text);
}
