import { z } from 'zod';

import { refused } from '../bento-fields';
import { Check, compileSchema, SchemaError } from './json-schema-subset';

/** Bento's `json_schema`: `schema` inline, as JSON text (as Bento takes it) or as an object. */
export const jsonSchemaProcessor = z
  .strictObject({
    schema: z.union([z.string().max(64 * 1024), z.record(z.string(), z.unknown())]),
    ...refused("it reads a file on the gateway's host; put the schema inline in schema", 'schema_path'),
  })
  .transform((config, context): { check: Check; schema: string } => {
    try {
      const schema = typeof config.schema === 'string' ? JSON.parse(config.schema) : config.schema;
      return { check: compileSchema(schema), schema: JSON.stringify(schema) };
    } catch (error) {
      if (!(error instanceof SchemaError) && !(error instanceof SyntaxError)) throw error;
      const message = error instanceof SyntaxError ? 'not valid JSON' : error.message;
      context.addIssue({ code: 'custom', path: ['schema'], message });
      return z.NEVER;
    }
  });
