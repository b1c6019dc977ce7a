import type { TokenKind } from '@gatehouse/dashboard-data-access';
import type { Role } from '@gatehouse/dashboard-domain';
import { type OrgId, UnauthenticatedError } from '@gatehouse/shared-kernel';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Who is calling: resolved from a session or API token by the auth guard. */
export interface Principal {
  orgId: OrgId;
  userId: string;
  email: string;
  role: Role;
  requestId: string;
  /** The token the caller presented: which one a logout ends, and when a login session runs out. */
  credential: { id: string; kind: TokenKind; expiresAt: Date | null };
}

/** A request after the auth guard; public routes have no principal. */
export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The caller, as the guard resolved it. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthenticatedError('not authenticated');
  return principal;
});
