import { reject, RequestContext, Stage, StageResult, TYK_ERRORS } from '@gatehouse/gateway-core';

/** Tyk's KeyExpired check: expired keys get 401, inactive keys 403. */
export class KeyStateStage implements Stage {
  readonly name = 'key-state';

  constructor(private readonly nowSeconds: () => number = () => Date.now() / 1000) {}

  run(ctx: RequestContext): StageResult {
    const session = ctx.session;
    if (!session) return undefined;
    if (session.is_inactive) return reject(TYK_ERRORS.keyInactive);
    if (session.expires > 0 && session.expires < this.nowSeconds()) return reject(TYK_ERRORS.keyExpired);
    return undefined;
  }
}
