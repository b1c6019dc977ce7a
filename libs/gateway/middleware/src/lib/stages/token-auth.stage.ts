import { ApiSpec, reject, RequestContext, Stage, StageResult, TYK_ERRORS } from '@gatehouse/gateway-core';

import { generateKey, keyOrg } from '@gatehouse/shared-tyk-compat';

import { KeyResolver, ResolvedKey, usableAs } from '../ports';
import { keyLookupFailed } from './key-lookup-failure';
import { readToken, withoutParam } from './credentials';
import { adoptIdentity } from './identity';

/**
 * Tyk's AuthKey: the request must carry a known key in the API's header, parameter or cookie. As in
 * Tyk, a key may also be presented by its bare name (the id inside it, such as a custom key's name):
 * when nothing is stored under what was sent, the key that name makes in the API's organisation is
 * tried. The name carries the same secret as the key, so this widens nothing.
 */
export class TokenAuthStage implements Stage {
  readonly name = 'auth-token';

  constructor(
    private readonly keys: KeyResolver,
    private readonly keyFormat: string,
  ) {}

  run(ctx: RequestContext): StageResult | Promise<StageResult> {
    if (ctx.skipAuth) return undefined;
    // One instance serves every API; one without token settings never reaches it, and would be refused.
    const token = ctx.spec.auth.token;
    if (!token) return reject(TYK_ERRORS.authFieldMissing);
    const found = readToken(token, (name) => ctx.header(name), ctx.query);
    if (!found) return reject(TYK_ERRORS.authFieldMissing);
    if (found === 'malformed') return reject(TYK_ERRORS.malformedCookie);
    const resolved = this.keys.resolve(found.key);
    ctx.presentedKey = found.key;
    if (!(resolved instanceof Promise) && resolved) return this.accept(ctx, found.from, resolved);
    return Promise.resolve(resolved)
      .then((key) => key ?? this.byName(ctx.spec, found.key))
      .then((key) => this.accept(ctx, found.from, key), keyLookupFailed);
  }

  private byName(spec: ApiSpec, name: string): ResolvedKey | undefined | Promise<ResolvedKey | undefined> {
    if (keyOrg(name) === spec.orgId) return undefined;
    return this.keys.resolve(generateKey(spec.orgId, name, this.keyFormat));
  }

  private accept(
    ctx: RequestContext,
    from: 'header' | 'param' | 'cookie',
    resolved: ResolvedKey | undefined,
  ): StageResult {
    // A basic-auth user's id is not a key: it must come with its password, through basic auth.
    if (!resolved || !usableAs(resolved.session, 'key')) return reject(TYK_ERRORS.keyNotAuthorised);
    const spec = ctx.spec;
    adoptIdentity(ctx, spec, 'auth_token', resolved);
    const token = spec.auth.token;
    if (spec.stripAuthData && token) {
      if (from === 'header') ctx.removeUpstreamHeaders.push(token.header);
      if (from === 'param') ctx.query = withoutParam(ctx.query, token.param);
      if (from === 'cookie') ctx.removeUpstreamCookies.push(token.cookie);
    }
    return undefined;
  }
}
