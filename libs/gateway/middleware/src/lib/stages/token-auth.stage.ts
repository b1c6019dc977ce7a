import {
  ApiSpec,
  reject,
  RequestContext,
  Stage,
  StageResult,
  TokenAuthSpec,
  TYK_ERRORS,
} from '@gatehouse/gateway-core';

import { KeyResolver, ResolvedKey, usableAs } from '../ports';
import { keyLookupFailed } from './key-lookup-failure';
import { readToken, withoutParam } from './credentials';
import { adoptIdentity } from './identity';

/** Tyk's AuthKey: the request must carry a known key in the API's header, parameter or cookie. */
export class TokenAuthStage implements Stage {
  readonly name = 'auth-token';

  constructor(
    private readonly spec: ApiSpec,
    private readonly token: TokenAuthSpec,
    private readonly keys: KeyResolver,
  ) {}

  run(ctx: RequestContext): StageResult | Promise<StageResult> {
    if (ctx.skipAuth) return undefined;
    const found = readToken(this.token, (name) => ctx.header(name), ctx.query);
    if (!found) return reject(TYK_ERRORS.authFieldMissing);
    if (found === 'malformed') return reject(TYK_ERRORS.malformedCookie);
    const resolved = this.keys.resolve(found.key);
    return resolved instanceof Promise
      ? resolved.then((key) => this.accept(ctx, found.from, key), keyLookupFailed)
      : this.accept(ctx, found.from, resolved);
  }

  private accept(
    ctx: RequestContext,
    from: 'header' | 'param' | 'cookie',
    resolved: ResolvedKey | undefined,
  ): StageResult {
    // A basic-auth user's id is not a key: it must come with its password, through basic auth.
    if (!resolved || !usableAs(resolved.session, 'key')) return reject(TYK_ERRORS.keyNotAuthorised);
    adoptIdentity(ctx, this.spec, 'auth_token', resolved);
    if (this.spec.stripAuthData) {
      if (from === 'header') ctx.removeUpstreamHeaders.push(this.token.header);
      if (from === 'param') ctx.query = withoutParam(ctx.query, this.token.param);
      if (from === 'cookie') ctx.removeUpstreamCookies.push(this.token.cookie);
    }
    return undefined;
  }
}
