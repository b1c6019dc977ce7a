import { allows, Resource, Verb } from '@gatehouse/dashboard-domain';
import { ForbiddenError, UnauthenticatedError } from '@gatehouse/shared-kernel';
import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';

import { AuthService } from './auth.service';
import type { Principal } from './principal';

export const PERMISSION = 'gatehouse:permission';

export const BODY_SCHEMA = 'gatehouse:body-schema';

/** The schema a route's body must satisfy: the same one the service validates with, and the OpenAPI's. */
export const BodySchema = (schema: ZodType) => SetMetadata(BODY_SCHEMA, schema);

export const QUERY_SCHEMA = 'gatehouse:query-schema';
/** Declares a route's query parameters (an object schema), for the OpenAPI document. */
export const QuerySchema = (schema: ZodType) => SetMetadata(QUERY_SCHEMA, schema);

/** Marks a route as needing `verb` on `resource`; routes without it need only a valid token. */
export const Requires = (resource: Resource, verb: Verb) => SetMetadata(PERMISSION, { resource, verb });

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The caller, as the guard resolved it. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthenticatedError('not authenticated');
  return principal;
});

/**
 * The one RBAC check: a bearer token (login session or personal API token) names the caller, and the
 * route's `@Requires` decides whether the caller's role may do it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const token = /^bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw new UnauthenticatedError('missing bearer token (Authorization: Bearer <token>)');
    const principal = await this.auth.resolve(token, String(request.id));
    if (!principal) throw new UnauthenticatedError('unknown, expired or revoked token');
    request.principal = principal;
    const needed = this.reflector.get<{ resource: Resource; verb: Verb } | undefined>(
      PERMISSION,
      context.getHandler(),
    );
    if (needed && !allows(principal.role, needed.resource, needed.verb)) {
      throw new ForbiddenError(`role ${principal.role} may not ${needed.verb} ${needed.resource}`);
    }
    return true;
  }
}
