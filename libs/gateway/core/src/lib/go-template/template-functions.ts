import { goFloat, goValue, truthy } from './go-format';

export class TemplateExecError extends Error {}

/** Go's fmt.Sprint: a space between operands when neither side is a string. */
function sprint(args: unknown[]): string {
  let out = '';
  args.forEach((arg, index) => {
    if (index > 0 && typeof arg !== 'string' && typeof args[index - 1] !== 'string') out += ' ';
    out += goValue(arg);
  });
  return out;
}

/** fmt.Sprintf for the verbs templates use: %v %s %d %f %q %t %%. */
function sprintf(format: unknown, ...args: unknown[]): string {
  let next = 0;
  return String(format).replace(
    /%(\.\d+)?([vsdfqt%])/g,
    (_all, precision: string | undefined, verb: string) => {
      if (verb === '%') return '%';
      const arg = args[next++];
      if (verb === 'd') return typeof arg === 'number' ? String(Math.trunc(arg)) : `%!d(${goValue(arg)})`;
      if (verb === 'f')
        return typeof arg === 'number'
          ? arg.toFixed(precision ? Number(precision.slice(1)) : 6)
          : `%!f(${goValue(arg)})`;
      if (verb === 'q') return JSON.stringify(goValue(arg));
      return goValue(arg);
    },
  );
}

/** Go's json.Marshal: compact, with `<`, `>` and `&` escaped for HTML. */
function jsonMarshal(value: unknown): string {
  return (JSON.stringify(value ?? null) ?? 'null').replace(
    /[<>&]/g,
    (char) => `\\u00${char.charCodeAt(0).toString(16)}`,
  );
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new TemplateExecError(`incompatible types for comparison: ${goValue(a)} and ${goValue(b)}`);
}

function length(value: unknown): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value !== null && typeof value === 'object') return Object.keys(value).length;
  throw new TemplateExecError(`len of ${goValue(value)}`);
}

function index(value: unknown, ...keys: unknown[]): unknown {
  let current = value;
  for (const key of keys) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (current !== null && typeof current === 'object' && typeof key === 'string') {
      current = Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
    } else throw new TemplateExecError(`can't index item of type ${typeof current}`);
  }
  return current;
}

const number = (value: unknown) => (typeof value === 'number' ? value : Number(value));

/** Go's builtins, Tyk's jsonMarshal, and the sprig functions most Tyk templates use. */
export const TEMPLATE_FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  and: (...args) => args.find((arg) => !truthy(arg)) ?? args[args.length - 1],
  or: (...args) => args.find((arg) => truthy(arg)) ?? args[args.length - 1],
  not: (value) => !truthy(value),
  len: length,
  index,
  print: (...args) => sprint(args),
  println: (...args) => `${args.map(goValue).join(' ')}\n`,
  printf: sprintf,
  eq: (a, ...rest) => rest.some((b) => a === b),
  ne: (a, b) => a !== b,
  lt: (a, b) => compare(a, b) < 0,
  le: (a, b) => compare(a, b) <= 0,
  gt: (a, b) => compare(a, b) > 0,
  ge: (a, b) => compare(a, b) >= 0,
  urlquery: (...args) => encodeURIComponent(sprint(args)),
  jsonMarshal,
  toJson: jsonMarshal,
  default: (fallback, value) => (truthy(value) ? value : fallback),
  upper: (value) => String(value ?? '').toUpperCase(),
  lower: (value) => String(value ?? '').toLowerCase(),
  trim: (value) => String(value ?? '').trim(),
  quote: (...args) => args.map((arg) => JSON.stringify(goValue(arg))).join(' '),
  replace: (from, to, value) =>
    String(value ?? '')
      .split(String(from))
      .join(String(to)),
  contains: (part, value) => String(value ?? '').includes(String(part)),
  hasPrefix: (prefix, value) => String(value ?? '').startsWith(String(prefix)),
  hasSuffix: (suffix, value) => String(value ?? '').endsWith(String(suffix)),
  join: (separator, list) =>
    Array.isArray(list) ? list.map(goValue).join(String(separator)) : goValue(list),
  add: (...args) => args.reduce<number>((sum, arg) => sum + number(arg), 0),
  sub: (a, b) => number(a) - number(b),
  mul: (...args) => args.reduce<number>((product, arg) => product * number(arg), 1),
  float64: (value) => number(value),
  toString: (value: unknown) => goValue(value),
  formatFloat: (value) => goFloat(number(value)),
};
