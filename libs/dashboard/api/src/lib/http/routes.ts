import { RequestMethod, Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { ZodType } from 'zod';

import {
  BODY_SCHEMA,
  CONFLICT,
  PERMISSION,
  type Permission,
  QUERY_SCHEMA,
  RESPONSE_SCHEMA,
  TOTAL_COUNT,
} from './route-metadata';

export interface RouteInfo {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under /api/v1, with `:param` placeholders. */
  path: string;
  /** The permission the route needs; undefined for public or any-authenticated routes. */
  permission?: Permission;
  operationId: string;
  /** The body's schema, where the route takes one. */
  bodySchema?: ZodType;
  /** The query parameters' schema, where the route declares one. */
  querySchema?: ZodType;
  /** When the route answers 409, where it can. */
  conflict?: string;
  /** The status of a successful answer. */
  successStatus: number;
  /** The body of a successful answer; undefined for 204. */
  responseSchema?: ZodType;
  /** Whether the answer carries `X-Total-Count`. */
  totalCount: boolean;
}

function joinPath(prefix: string, path: string): string {
  const parts = [prefix, path]
    .filter((part) => part && part !== '/')
    .map((part) => part.replace(/^\/+|\/+$/g, ''));
  return `/${parts.join('/')}`;
}

/** Own and inherited method names, as Nest's MetadataScanner sees them: controllers may extend a factory's class. */
function methodNames(prototype: object): Set<string> {
  const names = new Set<string>();
  for (let p = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) names.add(name);
  }
  return names;
}

/**
 * Every route of the given controllers, read from Nest's own metadata, so the OpenAPI document and the
 * RBAC and tenant-isolation tests can never miss a route the app serves.
 */
export function routesOf(controllers: Type<unknown>[]): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const controller of controllers) {
    const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of methodNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      // What Nest answers unless the handler says otherwise: 201 for POST, 200 for the rest.
      const successStatus =
        (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
        (method === RequestMethod.POST ? 201 : 200);
      routes.push({
        method: RequestMethod[method] as RouteInfo['method'],
        path: joinPath(prefix, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')),
        permission: Reflect.getMetadata(PERMISSION, handler),
        operationId: `${controller.name.replace(/Controller$/, '')}.${name}`,
        bodySchema: Reflect.getMetadata(BODY_SCHEMA, handler),
        querySchema: Reflect.getMetadata(QUERY_SCHEMA, handler),
        conflict: Reflect.getMetadata(CONFLICT, handler),
        successStatus,
        responseSchema: Reflect.getMetadata(RESPONSE_SCHEMA, handler),
        totalCount: Reflect.getMetadata(TOTAL_COUNT, handler) === true,
      });
    }
  }
  return routes;
}
