import { InvalidInputError, NotFoundError, UnauthenticatedError } from '@gatehouse/shared-kernel';

import type { OAuthAdminOptions } from './oauth-admin.types';

/** Tyk's apiOk answer. */
export interface StatusMessage {
  status: 'ok';
  message: string;
}

/** A form field as Go's PostFormValue reads it (a JSON body of strings is read the same way). */
function field(body: unknown, name: string): string {
  if (body === null || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/**
 * Tyk's `/tyk/oauth/revoke` and `/tyk/oauth/revoke_all` (gateway/api.go): the client is looked up on
 * every OAuth API (of `org_id` when given) and its tokens revoked wherever it is registered.
 */
export class OAuthRevocationService {
  constructor(private readonly options: OAuthAdminOptions) {}

  /** `token_type_hint` access_token or refresh_token limits what is revoked; anything else revokes both. */
  async revoke(body: unknown): Promise<StatusMessage> {
    const token = field(body, 'token');
    const clientId = field(body, 'client_id');
    if (token === '') throw new InvalidInputError([{ path: '', message: 'token is required' }]);
    if (clientId === '') throw new InvalidInputError([{ path: '', message: 'client_id is required' }]);
    const apiIds = await this.apisOf(clientId, field(body, 'org_id'));
    if (apiIds.length === 0)
      throw new InvalidInputError([{ path: '', message: "oauth client doesn't exist" }]);
    const hint = field(body, 'token_type_hint');
    const { store } = this.options;
    for (const apiId of apiIds) {
      if (hint !== 'refresh_token') await store.revokeAccess(apiId, token);
      if (hint !== 'access_token') await store.revokeRefresh(apiId, token);
    }
    return { status: 'ok', message: 'token revoked successfully' };
  }

  /**
   * Every token of the client, on each API where its secret matches. As in Tyk, a wrong secret revokes
   * nothing yet still answers ok: the answer says nothing about the secret.
   */
  async revokeAll(body: unknown): Promise<StatusMessage> {
    const clientId = field(body, 'client_id');
    const secret = field(body, 'client_secret');
    if (clientId === '') throw new UnauthenticatedError('client_id is required');
    if (secret === '') throw new UnauthenticatedError('client_secret is required');
    const apiIds = await this.apisOf(clientId, field(body, 'org_id'));
    if (apiIds.length === 0) throw new NotFoundError("oauth client doesn't exist");
    const { store } = this.options;
    for (const apiId of apiIds) {
      const client = await store.findClient(apiId, clientId);
      if (client && store.secretMatches(clientId, secret, client.secret_hash))
        await store.revokeAll(apiId, clientId);
    }
    return { status: 'ok', message: 'tokens revoked successfully' };
  }

  /** Tyk's getApisForOauthClientId: the OAuth APIs of the org (all when none is given) holding the client. */
  private async apisOf(clientId: string, orgId: string): Promise<string[]> {
    const candidates = this.options.apis
      .all()
      .filter((spec) => spec.auth.oauth && (orgId === '' || spec.orgId === orgId));
    const found = await Promise.all(
      candidates.map(async (spec) =>
        (await this.options.store.findClient(spec.apiId, clientId)) ? spec.apiId : undefined,
      ),
    );
    return found.filter((apiId): apiId is string => apiId !== undefined);
  }
}
