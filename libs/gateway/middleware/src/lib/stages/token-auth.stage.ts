import {
  ApiSpec,
  reject,
  RequestContext,
  Stage,
  StageResult,
  TokenAuthSpec,
  TYK_ERRORS,
} from '@gatehouse/gateway-core';

import type { KeyResolver, ResolvedKey } from '../ports';
import { readToken, withoutParam } from './credentials';

/** Tyk's AuthKey: the request must carry a known key in the API's header, parameter or cookie. */
export class TokenAuthStage implements Stage {
  readonly name = 'auth-token';

  constructor(
    private readonly spec: ApiSpec,
    private readonly token: TokenAuthSpec,
    private readonly keys: KeyResolver,
  ) {}

  run(ctx: RequestContext): StageResult | Promise<StageResult> {
    if (ctx.skipAuth || ctx.session) return undefined;
    const found = readToken(this.token, (name) => ctx.header(name), ctx.query);
    if (!found) return reject(TYK_ERRORS.authFieldMissing);
    const resolved = this.keys.resolve(found.key);
    return resolved instanceof Promise
      ? resolved.then((key) => this.accept(ctx, found.from, key))
      : this.accept(ctx, found.from, resolved);
  }

  private accept(
    ctx: RequestContext,
    from: 'header' | 'param' | 'cookie',
    resolved: ResolvedKey | undefined,
  ): StageResult {
    if (!resolved) return reject(TYK_ERRORS.keyNotAuthorised);
    ctx.session = resolved.session;
    ctx.keyId = resolved.keyId;
    if (this.spec.stripAuthData) {
      if (from === 'header') ctx.removeUpstreamHeaders.push(this.token.header);
      if (from === 'param') ctx.query = withoutParam(ctx.query, this.token.param);
    }
    return undefined;
  }
}
