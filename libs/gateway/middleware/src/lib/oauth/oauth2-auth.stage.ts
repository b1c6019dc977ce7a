import {
  ApiSpec,
  OAuthSpec,
  reject,
  RequestContext,
  Stage,
  StageResult,
  TYK_ERRORS,
} from '@gatehouse/gateway-core';

import { KeyResolver, ResolvedKey, usableAs } from '../ports';
import { cookieValue } from '../stages/credentials';
import { adoptIdentity } from '../stages/identity';
import { keyLookupFailed } from '../stages/key-lookup-failure';
import type { ClientRevisions } from './client-revisions';

/**
 * Tyk's getAuthToken for OAuth: the header, then a non-empty query parameter or cookie replacing it.
 * The value is kept whole (`Bearer …`): Tyk checks the word itself.
 */
function rawToken(spec: OAuthSpec['token'], ctx: RequestContext): string | 'malformed' {
  let value = spec.header ? (ctx.header(spec.header) ?? '') : '';
  if (spec.param && ctx.query) value = new URLSearchParams(ctx.query).get(spec.param) || value;
  if (spec.cookie) {
    const cookie = cookieValue(ctx.header('cookie'), spec.cookie);
    if (cookie === 'malformed') return cookie;
    value = cookie || value;
  }
  return value;
}

/**
 * Tyk's Oauth2KeyExists: `Bearer <access token>` (400 when absent or another scheme), a token this
 * region stores (403 "Key not authorised"), issued to a client still registered on this API (403
 * "...OAuth client access was revoked", checked at most once a second). The token's session then goes
 * through the key checks, access rights, rate limits and quotas as any key's.
 */
export class OAuth2AuthStage implements Stage {
  readonly name = 'auth-oauth2';

  constructor(
    private readonly spec: ApiSpec,
    private readonly oauth: OAuthSpec,
    private readonly keys: KeyResolver,
    private readonly clients: ClientRevisions,
  ) {}

  run(ctx: RequestContext): StageResult | Promise<StageResult> {
    if (ctx.skipAuth) return undefined;
    const value = rawToken(this.oauth.token, ctx);
    if (value === 'malformed') return reject(TYK_ERRORS.malformedCookie);
    const parts = value.split(' ');
    if (parts.length < 2) return reject(TYK_ERRORS.oauthFieldMissing);
    if (parts[0].toLowerCase() !== 'bearer') return reject(TYK_ERRORS.oauthBearerMalformed);
    const resolved = this.keys.resolve(parts[1]);
    if (resolved instanceof Promise)
      return resolved.then((key) => this.checkClient(ctx, key), keyLookupFailed);
    return this.checkClient(ctx, resolved);
  }

  private checkClient(
    ctx: RequestContext,
    found: ResolvedKey | undefined,
  ): StageResult | Promise<StageResult> {
    // A basic-auth user's record is no token, whatever was sent.
    if (!found || !usableAs(found.session, 'key')) return reject(TYK_ERRORS.oauthKeyNotAuthorised);
    const clientId = found.session.oauth_client_id;
    // Tyk looks up the client even for a plain key (id ""), which is never found: refused as revoked.
    if (!clientId) return reject(TYK_ERRORS.oauthClientRevoked);
    const revision = this.clients.revision(this.spec.apiId, clientId);
    if (revision instanceof Promise)
      return revision.then(
        (current) => this.accept(ctx, found, current),
        () => reject(TYK_ERRORS.keyStoreUnavailable),
      );
    return this.accept(ctx, found, revision);
  }

  private accept(ctx: RequestContext, found: ResolvedKey, current: string | undefined): StageResult {
    const issuedTo = found.session['oauth_client_rev'];
    if (current === undefined || (typeof issuedTo === 'string' && issuedTo !== current))
      return reject(TYK_ERRORS.oauthClientRevoked);
    adoptIdentity(ctx, this.spec, 'oauth_key', found);
    if (this.spec.stripAuthData && this.oauth.token.header)
      ctx.removeUpstreamHeaders.push(this.oauth.token.header);
    return undefined;
  }
}
