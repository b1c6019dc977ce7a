import type { ExecutionContext } from '@nestjs/common';

import { TYK_AUTH_FAILED, TykAuthGuard } from './tyk-auth.guard';
import type { GatewayApiOptions } from './tyk-api.types';

function contextWith(headers: Record<string, string>): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => ({ headers }) }) } as unknown as ExecutionContext;
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
});
