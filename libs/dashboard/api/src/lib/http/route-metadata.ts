import type { Resource, Verb } from '@gatehouse/dashboard-domain';
import { SetMetadata } from '@nestjs/common';
import type { ZodType } from 'zod';

/*
 * What a route declares about itself. The guard, the write admission and the OpenAPI document all read
 * these, so a route states its permission and its body's schema once.
 */

export const PERMISSION = 'gatehouse:permission';
export const BODY_SCHEMA = 'gatehouse:body-schema';
export const QUERY_SCHEMA = 'gatehouse:query-schema';
export const CONFLICT = 'gatehouse:conflict';

export interface Permission {
  resource: Resource;
  verb: Verb;
}

/** Marks a route as needing `verb` on `resource`; routes without it need only a valid token. */
export const Requires = (resource: Resource, verb: Verb) =>
  SetMetadata(PERMISSION, { resource, verb } satisfies Permission);

/** The schema a route's body must satisfy: the same one the service validates with, and the OpenAPI's. */
export const BodySchema = (schema: ZodType) => SetMetadata(BODY_SCHEMA, schema);

/** Declares a route's query parameters (an object schema), for the OpenAPI document. */
export const QuerySchema = (schema: ZodType) => SetMetadata(QUERY_SCHEMA, schema);

/**
 * Says when the route answers 409, for the OpenAPI document (the service throws the ConflictError);
 * undefined where a shared route never conflicts for this resource.
 */
export const ConflictWhen = (description: string | undefined) => SetMetadata(CONFLICT, description);
