import { compileLinearRegex, LinearRegex, PatternSyntaxError } from '@gatehouse/shared-kernel';

/**
 * The JSON Schema keywords the `json_schema` processor checks. Patterns run on a linear-time engine and
 * schemas are bounded in depth and size, so a definition can never make a message check slow. `$ref`,
 * combinators and formats are refused at load rather than ignored.
 */
export class SchemaError extends Error {}

const TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples', '$comment']);
const KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
]);
const MAX_DEPTH = 16;
const MAX_NODES = 500;

type Json = Record<string, unknown>;
export type Check = (value: unknown, at: string) => string | undefined;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Compiles a schema to a check that names the first failing field, or throws {@link SchemaError}. */
export function compileSchema(schema: unknown): Check {
  const budget = { nodes: 0 };
  return compileNode(schema, 'schema', 0, budget);
}

function compileNode(schema: unknown, where: string, depth: number, budget: { nodes: number }): Check {
  if (schema === true || (typeof schema === 'object' && schema !== null && Object.keys(schema).length === 0))
    return () => undefined;
  if (schema === false) return (_value, at) => `${at || '(root)'}: not allowed`;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    throw new SchemaError(`${where || '(root)'}: a schema must be an object`);
  if (depth > MAX_DEPTH) throw new SchemaError(`${where}: nested more than ${MAX_DEPTH} levels`);
  if (++budget.nodes > MAX_NODES) throw new SchemaError(`more than ${MAX_NODES} schema nodes`);
  const node = schema as Json;
  for (const key of Object.keys(node))
    if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key))
      throw new SchemaError(`${where ? `${where}.` : ''}${key}: keyword not supported`);
  const checks: Check[] = [];
  const add = (check: Check) => checks.push(check);
  if (node['type'] !== undefined) add(typeCheck(node['type'], where));
  if (node['enum'] !== undefined) add(enumCheck(node['enum'], where));
  if ('const' in node) add(enumCheck([node['const']], where));
  numberChecks(node, where).forEach(add);
  stringChecks(node, where).forEach(add);
  objectChecks(node, where, depth, budget).forEach(add);
  arrayChecks(node, where, depth, budget).forEach(add);
  return (value, at) => {
    for (const check of checks) {
      const problem = check(value, at);
      if (problem) return problem;
    }
    return undefined;
  };
}

function typeCheck(type: unknown, where: string): Check {
  const list = Array.isArray(type) ? type : [type];
  if (list.length === 0 || !list.every((item) => (TYPES as readonly unknown[]).includes(item)))
    throw new SchemaError(`${where}.type: expected one of ${TYPES.join(', ')}`);
  return (value, at) =>
    list.some((item) => matchesType(value, item as string))
      ? undefined
      : `${at || '(root)'}: expected ${list.join(' or ')}`;
}

function enumCheck(options: unknown, where: string): Check {
  if (!Array.isArray(options) || options.length > 256)
    throw new SchemaError(`${where}.enum: expected a list`);
  const texts = new Set(options.map((option) => JSON.stringify(option)));
  return (value, at) =>
    texts.has(JSON.stringify(value)) ? undefined : `${at || '(root)'}: not one of the allowed values`;
}

function bound(node: Json, key: string, where: string): number | undefined {
  const value = node[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new SchemaError(`${where}.${key}: expected a number`);
  return value;
}

function numberChecks(node: Json, where: string): Check[] {
  const rules: [string, (value: number, limit: number) => boolean, string][] = [
    ['minimum', (v, l) => v >= l, '>='],
    ['maximum', (v, l) => v <= l, '<='],
    ['exclusiveMinimum', (v, l) => v > l, '>'],
    ['exclusiveMaximum', (v, l) => v < l, '<'],
  ];
  return rules.flatMap(([key, holds, sign]) => {
    const limit = bound(node, key, where);
    if (limit === undefined) return [];
    return [
      (value: unknown, at: string) =>
        typeof value === 'number' && !holds(value, limit)
          ? `${at || '(root)'}: must be ${sign} ${limit}`
          : undefined,
    ];
  });
}

function stringChecks(node: Json, where: string): Check[] {
  const checks: Check[] = [];
  const min = bound(node, 'minLength', where);
  const max = bound(node, 'maxLength', where);
  if (min !== undefined || max !== undefined)
    checks.push((value, at) => {
      if (typeof value !== 'string') return undefined;
      const length = [...value].length;
      if (min !== undefined && length < min) return `${at || '(root)'}: shorter than ${min}`;
      return max !== undefined && length > max ? `${at || '(root)'}: longer than ${max}` : undefined;
    });
  if (node['pattern'] !== undefined) {
    if (typeof node['pattern'] !== 'string') throw new SchemaError(`${where}.pattern: expected a string`);
    let regex: LinearRegex;
    try {
      regex = compileLinearRegex(node['pattern']);
    } catch (error) {
      if (error instanceof PatternSyntaxError) throw new SchemaError(`${where}.pattern: ${error.message}`);
      throw error;
    }
    checks.push((value, at) =>
      typeof value === 'string' && !regex.test(value)
        ? `${at || '(root)'}: does not match the pattern`
        : undefined,
    );
  }
  return checks;
}

function objectChecks(node: Json, where: string, depth: number, budget: { nodes: number }): Check[] {
  const checks: Check[] = [];
  const required = node['required'];
  if (required !== undefined) {
    if (!Array.isArray(required) || !required.every((name) => typeof name === 'string'))
      throw new SchemaError(`${where}.required: expected a list of names`);
    checks.push((value, at) => {
      if (typeOf(value) !== 'object') return undefined;
      const missing = (required as string[]).find((name) => !Object.hasOwn(value as Json, name));
      return missing === undefined ? undefined : `${at ? `${at}.` : ''}${missing}: required`;
    });
  }
  const properties = new Map<string, Check>();
  const declared = node['properties'];
  if (declared !== undefined) {
    if (typeof declared !== 'object' || declared === null || Array.isArray(declared))
      throw new SchemaError(`${where}.properties: expected an object`);
    for (const [name, child] of Object.entries(declared))
      properties.set(name, compileNode(child, `${where}.properties.${name}`, depth + 1, budget));
  }
  const extra =
    node['additionalProperties'] === undefined
      ? undefined
      : compileNode(node['additionalProperties'], `${where}.additionalProperties`, depth + 1, budget);
  if (properties.size > 0 || extra)
    checks.push((value, at) => {
      if (typeOf(value) !== 'object') return undefined;
      for (const [name, item] of Object.entries(value as Json)) {
        const check = properties.get(name) ?? extra;
        const problem = check?.(item, at ? `${at}.${name}` : name);
        if (problem) return problem;
      }
      return undefined;
    });
  return checks;
}

function arrayChecks(node: Json, where: string, depth: number, budget: { nodes: number }): Check[] {
  const checks: Check[] = [];
  const min = bound(node, 'minItems', where);
  const max = bound(node, 'maxItems', where);
  checks.push((value, at) => {
    if (!Array.isArray(value)) return undefined;
    if (min !== undefined && value.length < min) return `${at || '(root)'}: fewer than ${min} items`;
    return max !== undefined && value.length > max ? `${at || '(root)'}: more than ${max} items` : undefined;
  });
  if (node['items'] !== undefined) {
    const item = compileNode(node['items'], `${where}.items`, depth + 1, budget);
    checks.push((value, at) => {
      if (!Array.isArray(value)) return undefined;
      for (const [index, entry] of value.entries()) {
        const problem = item(entry, `${at ? `${at}.` : ''}${index}`);
        if (problem) return problem;
      }
      return undefined;
    });
  }
  return checks;
}
