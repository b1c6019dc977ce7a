import { FailureCounter } from '@gatehouse/gateway-core';
import { ForbiddenError, throttleSource, TooManyRequestsError } from '@gatehouse/shared-kernel';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';

import { GATEWAY_API_OPTIONS, GatewayApiOptions } from './tyk-api.types';

export const TYK_AUTH_FAILED = 'Attempted administrative access with invalid or missing key!';
export const TYK_AUTH_THROTTLED = 'Too many failed attempts; try again later';

/**
 * Wrong secrets a client address may send per window before every call from it is refused. Tyk has no
 * such limit, and its secret is often short or Tyk's public default; the Gateway API usually shares the
 * traffic port, so guessing it would otherwise be unlimited.
 */
export const SECRET_FAILURE_LIMITS = { limit: 10, windowMs: 15 * 60_000, maxSources: 10_000 };

/**
 * Tyk's Gateway API authentication: the `x-tyk-authorization` header must equal the gateway secret.
 * Failures are counted per client address (in this process: nothing shared is needed to slow guessing
 * down, and the Gateway API must work without the control plane); an address over the limit gets 429
 * even with the right secret, while an operator at another address is unaffected.
 */
@Injectable()
export class TykAuthGuard implements CanActivate {
  private readonly secret: Buffer;
  private readonly failures: FailureCounter;

  constructor(@Inject(GATEWAY_API_OPTIONS) options: GatewayApiOptions) {
    this.secret = Buffer.from(options.secret);
    this.failures = new FailureCounter(SECRET_FAILURE_LIMITS);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // The socket's address: forwarded headers are the caller's to forge.
    const source = throttleSource(request.ip);
    const blockedForMs = this.failures.blockedForMs(source);
    if (blockedForMs > 0) throw new TooManyRequestsError(TYK_AUTH_THROTTLED, Math.ceil(blockedForMs / 1000));
    const header = request.headers['x-tyk-authorization'];
    const given = Buffer.from(typeof header === 'string' ? header : '');
    const ok =
      this.secret.length > 0 && given.length === this.secret.length && timingSafeEqual(given, this.secret);
    if (!ok) {
      this.failures.failed(source);
      throw new ForbiddenError(TYK_AUTH_FAILED);
    }
    return true;
  }
}
