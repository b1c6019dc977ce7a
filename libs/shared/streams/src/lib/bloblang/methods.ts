/**
 * The Bloblang methods of the supported subset: string, number and collection helpers as Bento names
 * them. None takes a query argument or runs user patterns, so a mapping costs time linear in its input.
 */
export class MappingRuntimeError extends Error {}

type Method = { arity: [number, number]; run: (target: unknown, args: unknown[]) => unknown };

export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

function str(value: unknown, method: string): string {
  if (typeof value !== 'string')
    throw new MappingRuntimeError(`${method}() expects a string, got ${typeName(value)}`);
  return value;
}

function num(value: unknown, method: string): number {
  if (typeof value !== 'number')
    throw new MappingRuntimeError(`${method}() expects a number, got ${typeName(value)}`);
  return value;
}

function collection(value: unknown, method: string): unknown[] | Record<string, unknown> {
  if (value !== null && typeof value === 'object') return value as unknown[] | Record<string, unknown>;
  throw new MappingRuntimeError(`${method}() expects an array or object, got ${typeName(value)}`);
}

/** Bloblang's `.string()`: strings as they are, everything else as JSON. */
export function asString(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

const string = (run: (text: string, args: unknown[]) => unknown, arity: [number, number] = [0, 0]) => ({
  arity,
  run: (target: unknown, args: unknown[]) => run(str(target, 'string method'), args),
});

export const METHODS: Record<string, Method> = {
  uppercase: string((text) => text.toUpperCase()),
  lowercase: string((text) => text.toLowerCase()),
  capitalize: string((text) => text.charAt(0).toUpperCase() + text.slice(1)),
  trim: string((text) => text.trim()),
  contains: {
    arity: [1, 1],
    run: (target, [needle]) =>
      Array.isArray(target)
        ? target.some((item) => JSON.stringify(item) === JSON.stringify(needle))
        : str(target, 'contains').includes(asString(needle)),
  },
  has_prefix: string((text, [prefix]) => text.startsWith(str(prefix, 'has_prefix')), [1, 1]),
  has_suffix: string((text, [suffix]) => text.endsWith(str(suffix, 'has_suffix')), [1, 1]),
  replace_all: string(
    (text, [from, to]) => text.split(str(from, 'replace_all')).join(str(to, 'replace_all')),
    [2, 2],
  ),
  split: string((text, [separator]) => text.split(str(separator, 'split')), [1, 1]),
  slice: {
    arity: [1, 2],
    run: (target, [start, end]) => {
      const from = num(start, 'slice');
      const to = end === undefined ? undefined : num(end, 'slice');
      if (typeof target === 'string' || Array.isArray(target)) return target.slice(from, to);
      throw new MappingRuntimeError(`slice() expects a string or array, got ${typeName(target)}`);
    },
  },
  length: {
    arity: [0, 0],
    run: (target) => {
      if (typeof target === 'string' || Array.isArray(target)) return target.length;
      return Object.keys(collection(target, 'length')).length;
    },
  },
  string: { arity: [0, 0], run: (target) => asString(target) },
  number: {
    arity: [0, 0],
    run: (target) => {
      const value = typeof target === 'number' ? target : Number(str(target, 'number'));
      if (!Number.isFinite(value)) throw new MappingRuntimeError(`${JSON.stringify(target)} is not a number`);
      return value;
    },
  },
  not_null: {
    arity: [0, 0],
    run: (target) => {
      if (target === null || target === undefined) throw new MappingRuntimeError('value is null');
      return target;
    },
  },
  or: {
    arity: [1, 1],
    run: (target, [fallback]) => (target === null || target === undefined ? fallback : target),
  },
  type: { arity: [0, 0], run: (target) => typeName(target) },
  keys: { arity: [0, 0], run: (target) => Object.keys(collection(target, 'keys')).sort() },
  values: { arity: [0, 0], run: (target) => Object.values(collection(target, 'values')) },
  join: {
    arity: [0, 1],
    run: (target, [separator]) => {
      if (!Array.isArray(target))
        throw new MappingRuntimeError(`join() expects an array, got ${typeName(target)}`);
      return target
        .map((item) => str(item, 'join'))
        .join(separator === undefined ? '' : str(separator, 'join'));
    },
  },
  parse_json: string((text) => {
    try {
      return JSON.parse(text);
    } catch {
      throw new MappingRuntimeError('parse_json(): not valid JSON');
    }
  }),
  format_json: { arity: [0, 0], run: (target) => JSON.stringify(target ?? null) },
  abs: { arity: [0, 0], run: (target) => Math.abs(num(target, 'abs')) },
  floor: { arity: [0, 0], run: (target) => Math.floor(num(target, 'floor')) },
  ceil: { arity: [0, 0], run: (target) => Math.ceil(num(target, 'ceil')) },
  round: { arity: [0, 0], run: (target) => Math.round(num(target, 'round')) },
};
