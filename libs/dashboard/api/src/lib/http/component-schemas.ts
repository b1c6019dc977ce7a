import { z } from 'zod';

import { RESPONSE_NAMES } from './response-names';
import type { RouteInfo } from './routes';

type JsonSchema = Record<string, unknown>;

const DEFS = '"#/$defs/';
const COMPONENTS = '"#/components/schemas/';

/**
 * The JSON Schemas of the document's `components/schemas`: request bodies (as clients send them,
 * `io: 'input'`) and named response parts (as the API answers them, `io: 'output'`), each written once.
 */
export class ComponentSchemas {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly bodyNames = new Map<z.ZodType, string>();

  /** A reference to a route's body schema, named after the first route that takes it. */
  body(route: RouteInfo, schema: z.ZodType): JsonSchema {
    let name = this.bodyNames.get(schema);
    if (!name) {
      name = `${route.operationId.replace('.', '')}Body`;
      this.bodyNames.set(schema, name);
      this.add(name, withoutDialect(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })));
    }
    return { $ref: `#/components/schemas/${name}` };
  }

  /** An answer's schema; its named parts (see RESPONSE_NAMES) become components it references. */
  response(schema: z.ZodType): JsonSchema {
    const converted = z.toJSONSchema(schema, {
      io: 'output',
      unrepresentable: 'any',
      metadata: RESPONSE_NAMES,
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const { $defs = {}, ...root } = withoutDialect(converted) as typeof converted;
    for (const [name, part] of Object.entries($defs)) this.add(name, relinked(part));
    return relinked(root);
  }

  /** Two different schemas under one name would make the client's types lie about one of them. */
  private add(name: string, schema: JsonSchema): void {
    const existing = this.schemas[name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(schema))
      throw new Error(`two different schemas are named ${name}`);
    this.schemas[name] = schema;
  }
}

function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  void _dialect;
  return rest;
}

/** zod references named parts under `$defs`; in the document they live under `components/schemas`. */
function relinked(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).split(DEFS).join(COMPONENTS)) as JsonSchema;
}
