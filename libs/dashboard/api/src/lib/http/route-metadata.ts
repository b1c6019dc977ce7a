import type { Resource, Verb } from '@gatehouse/dashboard-domain';
import { applyDecorators, Get, SetMetadata } from '@nestjs/common';
import { z, type ZodType } from 'zod';

/*
 * What a route declares about itself. The guard, the write admission and the OpenAPI document all read
 * these, so a route states its permission and its body's schema once.
 */

export const PERMISSION = 'gatehouse:permission';
export const BODY_SCHEMA = 'gatehouse:body-schema';
export const QUERY_SCHEMA = 'gatehouse:query-schema';
export const CONFLICT = 'gatehouse:conflict';
export const RESPONSE_SCHEMA = 'gatehouse:response-schema';
export const TOTAL_COUNT = 'gatehouse:total-count';

export interface Permission {
  resource: Resource;
  verb: Verb;
}

/** Marks a route as needing `verb` on `resource`; routes without it need only a valid token. */
export const Requires = (resource: Resource, verb: Verb) =>
  SetMetadata(PERMISSION, { resource, verb } satisfies Permission);

/** The schema a route's body must satisfy: the same one the service validates with, and the OpenAPI's. */
export const BodySchema = (schema: ZodType) => SetMetadata(BODY_SCHEMA, schema);

/** Declares a route's query parameters: the object schema its handler parses the query with. */
export const QuerySchema = (schema: ZodType) => SetMetadata(QUERY_SCHEMA, schema);

/**
 * What a successful answer's body looks like (as it goes out: `io: 'output'`), for the OpenAPI document
 * the console's client is generated from. Routes answering 204 declare nothing.
 */
export const ResponseSchema = (schema: ZodType) => SetMetadata(RESPONSE_SCHEMA, schema);

/** Says the route answers `X-Total-Count`: how many match its filter, whatever the limit and offset. */
export const TotalCount = () => SetMetadata(TOTAL_COUNT, true);

/**
 * Says when the route answers 409, for the OpenAPI document (the service throws the ConflictError);
 * undefined where a shared route never conflicts for this resource.
 */
export const ConflictWhen = (description: string | undefined) => SetMetadata(CONFLICT, description);

/**
 * A resource's paged list (`GET` on the controller's path): readable with `read`, filtered by
 * `querySchema`, answering an array of `itemSchema` and its `X-Total-Count`. Every list states the same
 * five things, so they are stated once here and no list can forget its total or its permission.
 */
export const ListRoute = (resource: Resource, querySchema: ZodType, itemSchema: ZodType) =>
  applyDecorators(
    Get(),
    Requires(resource, 'read'),
    QuerySchema(querySchema),
    ResponseSchema(z.array(itemSchema)),
    TotalCount(),
  );
