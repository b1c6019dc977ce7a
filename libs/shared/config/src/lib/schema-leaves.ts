import { z } from 'zod';

export type LeafKind = 'string' | 'number' | 'boolean' | 'json';

export interface SchemaLeaf {
  path: string[];
  kind: LeafKind;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodDefault ||
    current instanceof z.ZodNullable ||
    current instanceof z.ZodPrefault
  ) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function kindOf(schema: z.ZodType): LeafKind {
  if (schema instanceof z.ZodNumber) return 'number';
  if (schema instanceof z.ZodBoolean) return 'boolean';
  if (schema instanceof z.ZodArray || schema instanceof z.ZodRecord || schema instanceof z.ZodObject)
    return 'json';
  return 'string';
}

/**
 * Every settable value in a config schema, depth first. Nested objects become path segments; arrays and
 * records are single values (given as JSON in the environment).
 */
export function schemaLeaves(schema: z.ZodObject, prefix: string[] = []): SchemaLeaf[] {
  return Object.entries(schema.shape).flatMap(([key, child]) => {
    const inner = unwrap(child as z.ZodType);
    const path = [...prefix, key];
    if (inner instanceof z.ZodObject) return schemaLeaves(inner, path);
    return [{ path, kind: kindOf(inner) }];
  });
}

/**
 * Dotted paths in `value` that `schema` does not declare (objects are walked; records and arrays are
 * single values). Used to report unsupported keys in a config file without refusing it.
 */
export function undeclaredPaths(schema: z.ZodObject, value: unknown, prefix: string[] = []): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const shape = schema.shape as Record<string, z.ZodType>;
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    const path = [...prefix, key];
    const declared = shape[key];
    if (!declared) return [path.join('.')];
    const inner = unwrap(declared);
    return inner instanceof z.ZodObject ? undeclaredPaths(inner, child, path) : [];
  });
}

/**
 * Converts an environment string to the leaf's type. A value that does not convert is passed through as
 * the string, so the schema rejects it with a message naming the key rather than this code guessing.
 */
export function convertEnvValue(raw: string, kind: LeafKind): unknown {
  switch (kind) {
    case 'number': {
      const value = raw.trim() === '' ? Number.NaN : Number(raw);
      return Number.isFinite(value) ? value : raw;
    }
    case 'boolean': {
      const normalised = raw.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(normalised)) return true;
      if (['false', '0', 'no', 'off'].includes(normalised)) return false;
      return raw;
    }
    case 'json':
      try {
        return JSON.parse(raw);
      } catch {
        return raw.includes(',') || !raw.trim().startsWith('[')
          ? raw.split(',').map((item) => item.trim())
          : raw;
      }
    default:
      return raw;
  }
}
