import { allows } from '@gatehouse/dashboard-domain';
import { ForbiddenError, UnauthenticatedError } from '@gatehouse/shared-kernel';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import type { AuthenticatedRequest } from '../http/principal';
import { PERMISSION, type Permission } from '../http/route-metadata';
import { AuthService } from './auth.service';

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
    const needed = this.reflector.get<Permission | undefined>(PERMISSION, context.getHandler());
    if (needed && !allows(principal.role, needed.resource, needed.verb)) {
      throw new ForbiddenError(`role ${principal.role} may not ${needed.verb} ${needed.resource}`);
    }
    return true;
  }
}
