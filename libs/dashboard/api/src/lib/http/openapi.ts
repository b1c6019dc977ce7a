import { GATEHOUSE_VERSION } from '@gatehouse/shared-kernel';
import { z } from 'zod';

import type { RouteInfo } from './routes';

/** Each property of a query schema as an OpenAPI query parameter. */
function queryParameters(schema: z.ZodType | undefined): Record<string, unknown>[] {
  if (!schema) return [];
  const { properties = {}, required = [] } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema: property,
  }));
}

function jsonSchema(schema: z.ZodType | undefined): Record<string, unknown> {
  if (!schema) return { type: 'object' };
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  void _dialect;
  return rest;
}

const PUBLIC = new Set(['Orgs.create', 'Sessions.login', 'Sessions.accept']);

/** The OpenAPI 3.1 document of the dashboard API, built from the routes it serves. */
export function openApiDocument(routes: RouteInfo[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  // A schema used by several routes is written once under components and referenced.
  const schemaNames = new Map<z.ZodType, string>();
  const schemas: Record<string, unknown> = {};
  const bodyRef = (route: RouteInfo): Record<string, unknown> => {
    if (!route.bodySchema) return { type: 'object' };
    let name = schemaNames.get(route.bodySchema);
    if (!name) {
      name = `${route.operationId.replace('.', '')}Body`;
      schemaNames.set(route.bodySchema, name);
      schemas[name] = jsonSchema(route.bodySchema);
    }
    return { $ref: `#/components/schemas/${name}` };
  };
  for (const route of [...routes].sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  )) {
    const path = `/api/v1${route.path.replace(/:(\w+)/g, '{$1}')}`;
    const parameters = [
      ...[...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...queryParameters(route.querySchema),
    ];
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      tags: [route.permission?.resource ?? route.operationId.split('.')[0].toLowerCase()],
      ...(route.permission
        ? { 'x-gatehouse-permission': `${route.permission.resource}:${route.permission.verb}` }
        : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(['POST', 'PUT', 'PATCH'].includes(route.method)
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: bodyRef(route) } },
            },
          }
        : {}),
      ...(PUBLIC.has(route.operationId) ? { security: [] } : {}),
      responses: {
        '2XX': { description: 'success' },
        '400': { $ref: '#/components/responses/Error' },
        '401': { $ref: '#/components/responses/Error' },
        '403': { $ref: '#/components/responses/Error' },
        '404': { $ref: '#/components/responses/Error' },
        ...(route.conflict
          ? { '409': { description: route.conflict, $ref: '#/components/responses/Error' } }
          : {}),
        // Writes past the org's rate or concurrency share (with Retry-After); login past its throttle.
        ...(route.method === 'GET' ? {} : { '429': { $ref: '#/components/responses/Error' } }),
        // The service is saturated or its database unreachable (with Retry-After): retry later.
        '503': { $ref: '#/components/responses/Error' },
      },
    };
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Gatehouse dashboard API', version: GATEHOUSE_VERSION },
    security: [{ bearer: [] }],
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'login session (ghs_) or API token (ghp_)' },
      },
      responses: {
        Error: {
          description: 'the request was refused; `message` names the bad field where there is one',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['statusCode', 'error', 'message'],
                properties: {
                  statusCode: { type: 'integer' },
                  error: { type: 'string' },
                  message: { type: 'string' },
                  issues: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { path: { type: 'string' }, message: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    paths,
  };
}
