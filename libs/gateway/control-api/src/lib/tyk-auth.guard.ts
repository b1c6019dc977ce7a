import { ForbiddenError } from '@gatehouse/shared-model';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';

import { GATEWAY_API_OPTIONS, GatewayApiOptions } from './tyk-api.types';

export const TYK_AUTH_FAILED = 'Attempted administrative access with invalid or missing key!';

/** Tyk's Gateway API authentication: the `x-tyk-authorization` header must equal the gateway secret. */
@Injectable()
export class TykAuthGuard implements CanActivate {
  private readonly secret: Buffer;

  constructor(@Inject(GATEWAY_API_OPTIONS) options: GatewayApiOptions) {
    this.secret = Buffer.from(options.secret);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers['x-tyk-authorization'];
    const given = Buffer.from(typeof header === 'string' ? header : '');
    const ok =
      this.secret.length > 0 && given.length === this.secret.length && timingSafeEqual(given, this.secret);
    if (!ok) throw new ForbiddenError(TYK_AUTH_FAILED);
    return true;
  }
}
