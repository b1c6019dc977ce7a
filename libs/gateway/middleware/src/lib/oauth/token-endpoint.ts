import { ApiSpec, FailureCounter, SUPPORTED_GRANT_TYPES } from '@gatehouse/gateway-core';
import type { StoredOAuthClient } from '@gatehouse/gateway-storage';
import { throttleSource } from '@gatehouse/shared-kernel';
import { generateKey } from '@gatehouse/shared-tyk-compat';

import { usableAs } from '../ports';
import { passwordMatches } from '../stages/basic-auth.stage';
import { OAuthAnswer, osinError } from './oauth-answers';
import type { OAuthServerDependencies } from './oauth-ports';
import { basicClientAuth, field, FormValues } from './oauth-request';
import { TokenIssuer } from './token-issuer';

export interface TokenRequest {
  method: string;
  /** Form fields (query and urlencoded body, or a JSON body of strings), or 'malformed'. */
  form: FormValues | 'malformed';
  authorization?: string;
  clientIp: string;
}

const TOO_MANY_FAILURES = 'Too many failed authentication attempts; try again later';

/**
 * osin's HandleAccessRequest as Tyk configures it, in osin's order: POST only, the grant type must be
 * one the API allows, the client authenticates with HTTP Basic only. Grants: client_credentials (no
 * refresh token, as osin), password (a basic-auth user of the API's organisation; with a refresh token)
 * and refresh_token (single use: the old access and refresh tokens are revoked). authorization_code is
 * not served and answers unsupported_grant_type. Failed client secrets and passwords are counted per
 * client (or user) and address, since this endpoint sits before every rate limit.
 */
export class TokenEndpoint {
  private readonly issuer: TokenIssuer;

  constructor(
    private readonly deps: OAuthServerDependencies,
    private readonly failures: FailureCounter,
  ) {
    this.issuer = new TokenIssuer(deps);
  }

  async handle(spec: ApiSpec, request: TokenRequest): Promise<OAuthAnswer> {
    const status = this.deps.settings.errorStatus;
    if (request.method !== 'POST' || request.form === 'malformed')
      return osinError('invalid_request', status);
    const form = request.form;
    const grant = field(form, 'grant_type');
    const allowed = spec.auth.oauth?.allowedAccessTypes ?? [];
    if (!allowed.includes(grant) || !(SUPPORTED_GRANT_TYPES as readonly string[]).includes(grant))
      return osinError('unsupported_grant_type', status);
    const auth = basicClientAuth(request.authorization);
    if (!auth) return osinError('invalid_request', status);
    const source = throttleSource(request.clientIp);
    if (grant === 'refresh_token' && field(form, 'refresh_token') === '')
      return osinError('invalid_grant', status);
    if (grant === 'password' && (field(form, 'username') === '' || field(form, 'password') === ''))
      return osinError('invalid_grant', status);
    const client = await this.authenticate(spec, auth, source);
    if ('status' in client) return client;
    const scope = field(form, 'scope');
    if (grant === 'client_credentials')
      return this.issuer.issue({ apiId: spec.apiId, client, withRefresh: false, scope });
    if (grant === 'password') return this.password(spec, client, form, source, scope);
    return this.refresh(spec, client, field(form, 'refresh_token'), scope);
  }

  /**
   * osin's getClient. An unknown client is unauthorized_client here, as a wrong secret is: osin answers
   * server_error (Tyk's store reports "not found" as a failure), which tells a caller which ids exist.
   */
  private async authenticate(
    spec: ApiSpec,
    auth: { id: string; secret: string },
    source: string,
  ): Promise<StoredOAuthClient | OAuthAnswer> {
    const status = this.deps.settings.errorStatus;
    const throttleKey = `client\u0000${spec.apiId}\u0000${auth.id}\u0000${source}`;
    if (this.failures.blockedForMs(throttleKey) > 0)
      return osinError('temporarily_unavailable', 429, TOO_MANY_FAILURES);
    const client = await this.deps.store.findClient(spec.apiId, auth.id);
    if (!client || !this.deps.store.secretMatches(auth.id, auth.secret, client.secret_hash)) {
      this.failures.failed(throttleKey);
      return osinError('unauthorized_client', status);
    }
    this.failures.succeeded(throttleKey);
    // osin refuses a client without a redirect URI for every grant, client_credentials included.
    if (client.redirecturi === '') return osinError('unauthorized_client', status);
    return client;
  }

  /**
   * Tyk's password flow: the user is the API organisation's basic-auth user of that name, as the
   * basic-auth middleware finds it; the token authenticates as that user's session (no credentials).
   * A wrong user or password is osin's access_denied.
   */
  private async password(
    spec: ApiSpec,
    client: StoredOAuthClient,
    form: FormValues,
    source: string,
    scope: string,
  ): Promise<OAuthAnswer> {
    const status = this.deps.settings.errorStatus;
    const username = field(form, 'username');
    const throttleKey = `user\u0000${spec.orgId}\u0000${username}\u0000${source}`;
    if (this.failures.blockedForMs(throttleKey) > 0)
      return osinError('temporarily_unavailable', 429, TOO_MANY_FAILURES);
    const user = await this.deps.keys.resolve(
      generateKey(spec.orgId, username, this.deps.settings.keyFormat),
    );
    const ok =
      user !== undefined &&
      usableAs(user.session, 'basic') &&
      (await passwordMatches(user.session, field(form, 'password')));
    if (!user || !ok) {
      this.failures.failed(throttleKey);
      return osinError('access_denied', status);
    }
    this.failures.succeeded(throttleKey);
    const userData: Record<string, unknown> = {
      ...structuredClone(user.session),
      basic_auth_data: { password: '', hash_type: '' },
    };
    return this.issuer.issue({ apiId: spec.apiId, client, userData, withRefresh: true, scope });
  }

  /** osin's refresh: the token is taken (one use), a new pair issued, the old access token revoked. */
  private async refresh(
    spec: ApiSpec,
    client: StoredOAuthClient,
    refreshToken: string,
    scope: string,
  ): Promise<OAuthAnswer> {
    const status = this.deps.settings.errorStatus;
    const record = await this.deps.store.takeRefresh(spec.apiId, refreshToken, client.id);
    if (record === 'unknown') return osinError('invalid_grant', status);
    if (record === 'other-client') return osinError('invalid_client', status);
    const answer = await this.issuer.issue({
      apiId: spec.apiId,
      client,
      userData: record.user_data,
      withRefresh: true,
      scope: scope || record.scope,
    });
    await this.deps.store.revokeAccessIds(spec.apiId, [record.access_id]);
    return answer;
  }
}
