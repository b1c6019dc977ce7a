import { GATEHOUSE_VERSION } from '@gatehouse/shared-kernel';
import { z } from 'zod';

import { ComponentSchemas } from './component-schemas';
import { TOTAL_COUNT_HEADER } from './paged';
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

/** The route's successful answer: its status, body schema and, for pages, the total header. */
function successResponse(route: RouteInfo, components: ComponentSchemas): Record<string, unknown> {
  if (route.successStatus === 204) return { description: 'done; no content' };
  if (!route.responseSchema) throw new Error(`${route.operationId} declares no @ResponseSchema`);
  return {
    description: 'success',
    ...(route.totalCount
      ? {
          headers: {
            [TOTAL_COUNT_HEADER]: {
              description: 'how many entries match the filter, whatever limit and offset are',
              required: true,
              schema: { type: 'integer', minimum: 0 },
            },
          },
        }
      : {}),
    content: { 'application/json': { schema: components.response(route.responseSchema) } },
  };
}

const PUBLIC = new Set(['Orgs.create', 'Sessions.login', 'Sessions.accept']);

/** The OpenAPI 3.1 document of the dashboard API, built from the routes it serves. */
export function openApiDocument(routes: RouteInfo[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const components = new ComponentSchemas();
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
      // Writes without a body schema (logout, reset-quota, minting a token) take no body.
      ...(route.bodySchema
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: components.body(route, route.bodySchema) } },
            },
          }
        : {}),
      ...(PUBLIC.has(route.operationId) ? { security: [] } : {}),
      responses: {
        [String(route.successStatus)]: successResponse(route, components),
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
      schemas: components.schemas,
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
