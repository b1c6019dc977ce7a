import { z } from 'zod';

/**
 * Names of the response schemas the OpenAPI document writes once under `components/schemas` and
 * references from every answer that holds them (a generated client gets one type per name).
 */
export const RESPONSE_NAMES = z.registry<{ id: string }>();

/** `schema`, written into the document as `components/schemas/<id>`. */
export function named<S extends z.ZodType>(id: string, schema: S): S {
  RESPONSE_NAMES.add(schema, { id });
  return schema;
}
