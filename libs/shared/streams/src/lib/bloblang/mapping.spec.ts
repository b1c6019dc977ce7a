import type { ContextRef } from './ast';
import { Mapping } from './mapping';
import { MappingRuntimeError } from './methods';
import { MappingSyntaxError } from './tokens';

const message = (value: unknown, meta: Record<string, string> = {}) => ({
  content: JSON.stringify(value),
  meta,
});

function map(source: string, value: unknown, context?: Record<string, string>) {
  const resolve = (ref: ContextRef) => context?.[`${ref.source}.${ref.name}`];
  const result = new Mapping(source).run(message(value), { resolve });
  return result.deleted ? 'deleted' : JSON.parse(result.content);
}

function syntaxError(source: string): string {
  try {
    new Mapping(source);
  } catch (error) {
    if (error instanceof MappingSyntaxError) return error.message;
    throw error;
  }
  throw new Error(`accepted: ${source}`);
}

describe(Mapping.name, () => {
  it('maps fields with string methods, arithmetic and object literals', () => {
    const sut = `root = this
root.name = this.name.uppercase()
root.total = this.price * this.quantity + 1
root.tags = this.tags.join(",")
root.extra = { "kind": "order", "big": this.price > 10 }`;
    expect(map(sut, { name: 'ab', price: 20, quantity: 2, tags: ['x', 'y'] })).toEqual({
      name: 'AB',
      price: 20,
      quantity: 2,
      tags: 'x,y',
      total: 41,
      extra: { kind: 'order', big: true },
    });
  });

  it("drops a message with deleted() in an if expression, as Tyk's filter examples do", () => {
    const sut = 'root = if this.order_value > 1000 { this } else { deleted() }';
    expect(map(sut, { order_value: 5 })).toBe('deleted');
    expect(map(sut, { order_value: 5000 })).toEqual({ order_value: 5000 });
  });

  it('runs if statements with else-if chains over several lines', () => {
    const sut = `if this.n < 0 {
  root.sign = "negative"
} else if this.n == 0 {
  root.sign = "zero"
} else {
  root.sign = "positive"
}`;
    expect([-1, 0, 3].map((n) => map(sut, { n }).sign)).toEqual(['negative', 'zero', 'positive']);
  });

  it('removes one field with deleted() and never changes this while building root', () => {
    const sut = 'root = this\nroot.secret = deleted()\nroot.copy = this.secret';
    expect(map(sut, { secret: 's', keep: 1 })).toEqual({ keep: 1, copy: 's' });
  });

  it('keeps the content when root is never assigned, and writes metadata', () => {
    const sut = new Mapping('meta topic = "orders-" + meta("region")\nmeta region = deleted()');
    const result = sut.run(message({ a: 1 }, { region: 'eu' }));
    expect(result).toEqual({ deleted: false, content: '{"a":1}', meta: { topic: 'orders-eu' } });
  });

  it('resolves $tyk_context placeholders as values, never as mapping text', () => {
    const sut = 'root = if this.user == "$tyk_context.headers_X_User" { this } else { deleted() }';
    expect(map(sut, { user: 'alice' }, { 'tyk_context.headers_X_User': 'alice' })).toEqual({ user: 'alice' });
    expect(map(sut, { user: 'alice' }, { 'tyk_context.headers_X_User': 'bob' })).toBe('deleted');
    const injected = '" || true || "';
    expect(map(sut, { user: 'alice' }, { 'tyk_context.headers_X_User': injected })).toBe('deleted');
    expect(map(sut, { user: 'alice' })).toBe('deleted');
    expect(new Mapping(sut).usesContext).toBe(true);
    expect(new Mapping('root = this').usesContext).toBe(false);
  });

  it('reads bare context references and session metadata', () => {
    const sut = 'root.who = $tyk_meta.tenant\nroot.q = $tyk_context.request_data.user';
    const context = { 'tyk_meta.tenant': 't1', 'tyk_context.request_data.user': 'u1' };
    expect(map(sut, {}, context)).toEqual({ who: 't1', q: 'u1' });
  });

  it('coalesces with | past nulls and errors, and supports let variables', () => {
    expect(map('let x = this.a | this.b | "none"\nroot.v = $x', { b: 2 })).toEqual({ v: 2 });
    expect(map('root.v = this.s.uppercase() | "fallback"', { s: 3 })).toEqual({ v: 'fallback' });
  });

  it('writes __proto__ as a plain field without touching prototypes', () => {
    const result = map('root = this\nroot.__proto__ = { "polluted": true }', { a: 1 });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(map('root.v = this.constructor', {})).toEqual({ v: null });
  });

  it('throws a runtime error for messages it cannot map', () => {
    expect(() => new Mapping('root.v = this.a + 1').run(message({ a: 'x' }))).toThrow(MappingRuntimeError);
    expect(() => new Mapping('root = this').run({ content: 'not json', meta: {} })).toThrow(/not JSON/);
    expect(() => new Mapping('root.v = this.a / 0').run(message({ a: 1 }))).toThrow(/division by zero/);
  });

  it('refuses what is outside the subset with the line and column', () => {
    expect(syntaxError('root = this\nroot.x = this.a.re_replace_all("a", "b")')).toBe(
      'line 2, column 17: unknown method re_replace_all() (not in the supported subset)',
    );
    expect(syntaxError('root = env("SECRET")')).toBe(
      "line 1, column 8: env() is not allowed: it reads the gateway's host",
    );
    expect(syntaxError('root = this.a == 1 == 2')).toMatch(
      /^line 1, column 20: comparisons cannot be chained/,
    );
    expect(syntaxError('root = match this { _ => 1 }')).toMatch(/^line 1, column 14: expected a new line/);
    expect(syntaxError('root = "$tyk_context.token"')).toMatch(/raw key/);
    expect(syntaxError('root = "$tyk_context.nonsense"')).toMatch(/unknown context variable/);
    expect(syntaxError('root = "open')).toBe('line 1, column 8: string not closed on its line');
    expect(syntaxError(`root = ${'('.repeat(200)}1${')'.repeat(200)}`)).toMatch(/nested more than 48 levels/);
    expect(syntaxError('root.v = this.a.uppercase(1)')).toMatch(/uppercase\(\) takes 0 argument/);
  });

  it('refuses to build exponentially large values from doubling statements or nested literals', () => {
    const doubling = [
      'let v0 = this.s',
      ...Array.from({ length: 40 }, (_, i) => `let v${i + 1} = $v${i} + $v${i}`),
      'root = $v40',
    ];
    expect(() => new Mapping(doubling.join('\n')).run(message({ s: 'abcd' }))).toThrow(
      /larger than 4194304 characters/,
    );
    const arrays = [
      'let a0 = [this]',
      ...Array.from({ length: 40 }, (_, i) => `let a${i + 1} = [$a${i}, $a${i}]`),
      'root = $a40',
    ];
    expect(() => new Mapping(arrays.join('\n')).run(message({ x: 1 }))).toThrow(
      /larger than 4194304 characters/,
    );
    expect(() =>
      new Mapping('root = this.s.replace_all("", this.s)').run(message({ s: 'x'.repeat(10_000) })),
    ).toThrow(/larger than/);
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    expect(() => new Mapping('root = [this]').run({ content: deep, meta: {} })).toThrow(MappingRuntimeError);
  });
});
