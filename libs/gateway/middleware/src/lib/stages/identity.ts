import type { ApiSpec, AuthMethod, RequestContext } from '@gatehouse/gateway-core';

import type { ResolvedKey } from '../ports';

/**
 * Records a verified credential's session as the request's identity when this method provides it
 * (Tyk's `base_identity_provided_by`; unset means the last method of the chain wins, as in Tyk). Every
 * enabled method still has to pass: this only decides whose limits and rights the request runs under.
 */
export function adoptIdentity(
  ctx: RequestContext,
  spec: ApiSpec,
  method: AuthMethod,
  found: ResolvedKey,
): void {
  const provider = spec.auth.identityFrom;
  if (provider !== '' && provider !== method) return;
  ctx.session = found.session;
  ctx.keyId = found.keyId;
  ctx.keyRef = found.ref;
}
