import type { ExecutionContext } from '@nestjs/common';

import { SECRET_FAILURE_LIMITS, TYK_AUTH_FAILED, TYK_AUTH_THROTTLED, TykAuthGuard } from './tyk-auth.guard';
import type { GatewayApiOptions } from './tyk-api.types';

function contextWith(headers: Record<string, string>, ip = '192.0.2.1'): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => ({ headers, ip }) }) } as unknown as ExecutionContext;
}

describe(TykAuthGuard.name, () => {
  it('lets the right secret through and refuses anything else', () => {
    const sut = new TykAuthGuard({ secret: 'sesame' } as GatewayApiOptions);
    expect(sut.canActivate(contextWith({ 'x-tyk-authorization': 'sesame' }))).toBe(true);
    expect(() => sut.canActivate(contextWith({ 'x-tyk-authorization': 'sesam' }))).toThrow(TYK_AUTH_FAILED);
    expect(() => sut.canActivate(contextWith({}))).toThrow(TYK_AUTH_FAILED);
  });

  it('refuses everything when no secret is configured', () => {
    const sut = new TykAuthGuard({ secret: '' } as GatewayApiOptions);
    expect(() => sut.canActivate(contextWith({ 'x-tyk-authorization': '' }))).toThrow(TYK_AUTH_FAILED);
  });

  it('refuses an address that keeps guessing, even with the right secret, but not another address', () => {
    const sut = new TykAuthGuard({ secret: 'sesame' } as GatewayApiOptions);
    const guess = contextWith({ 'x-tyk-authorization': 'guess' }, '::ffff:198.51.100.9');
    for (let index = 0; index < SECRET_FAILURE_LIMITS.limit; index++)
      expect(() => sut.canActivate(guess)).toThrow(TYK_AUTH_FAILED);
    expect(() => sut.canActivate(guess)).toThrow(TYK_AUTH_THROTTLED);
    expect(() => sut.canActivate(contextWith({ 'x-tyk-authorization': 'sesame' }, '198.51.100.9'))).toThrow(
      TYK_AUTH_THROTTLED,
    );
    expect(sut.canActivate(contextWith({ 'x-tyk-authorization': 'sesame' }, '198.51.100.10'))).toBe(true);
  });
});
