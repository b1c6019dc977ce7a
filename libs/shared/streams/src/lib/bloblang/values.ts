import { MappingRuntimeError, typeName } from './methods';

/** `deleted()`: assigned to root it drops the message, to a field it removes the field. */
export const DELETED = Symbol('deleted');

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return value !== null && typeof value === 'object';
}

/** A field of a JSON value, or null when absent; only own properties, so `__proto__` reads nothing. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isContainer(current) || !Object.hasOwn(current, key)) return null;
    current = (current as Record<string, unknown>)[key];
  }
  return current ?? null;
}

/** Sets an own, enumerable property even for names such as `__proto__`, which `=` would not. */
export function defineField(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function shallowCopy(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return { ...(value as unknown[]) } as Record<string, unknown>;
  if (isContainer(value)) return { ...(value as Record<string, unknown>) };
  return {};
}

/**
 * `root` with `value` at `path`, copying each object along the way so the input (`this`), which root
 * may share, is never changed. A DELETED value removes the field.
 */
export function writePath(root: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const copy = shallowCopy(root);
  if (rest.length === 0 && value === DELETED) {
    delete copy[key];
    return copy;
  }
  defineField(copy, key, writePath(Object.hasOwn(copy, key) ? copy[key] : undefined, rest, value));
  return copy;
}

export function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (!isContainer(left) || !isContainer(right)) return (left ?? null) === (right ?? null);
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  const leftKeys = Object.keys(left);
  if (leftKeys.length !== Object.keys(right).length) return false;
  return leftKeys.every(
    (key) =>
      Object.hasOwn(right, key) &&
      deepEqual((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]),
  );
}

export function boolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean')
    throw new MappingRuntimeError(`${where} expects a boolean, got ${typeName(value)}`);
  return value;
}

export function arithmetic(op: string, left: unknown, right: unknown): unknown {
  if (op === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  if (typeof left !== 'number' || typeof right !== 'number')
    throw new MappingRuntimeError(`cannot apply ${op} to ${typeName(left)} and ${typeName(right)}`);
  if ((op === '/' || op === '%') && right === 0) throw new MappingRuntimeError('division by zero');
  switch (op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return left / right;
    default:
      return left % right;
  }
}

export function compare(op: string, left: unknown, right: unknown): boolean {
  if (op === '==') return deepEqual(left, right);
  if (op === '!=') return !deepEqual(left, right);
  const comparable =
    (typeof left === 'number' && typeof right === 'number') ||
    (typeof left === 'string' && typeof right === 'string');
  if (!comparable) throw new MappingRuntimeError(`cannot compare ${typeName(left)} ${op} ${typeName(right)}`);
  const [a, b] = [left as number | string, right as number | string];
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}
