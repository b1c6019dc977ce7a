import type { KeyHasher } from '@gatehouse/shared-tyk-compat';
import type { RedisConnection } from '../redis-connection';

import { OAuthClientRepository, StoredOAuthClient } from './oauth-client.repository';
import { OAuthHashing } from './oauth-hashing';
import { OAuthTokenRepository, RefreshRecord, TokenIssue } from './oauth-token.repository';

/** Told the key ids of access tokens whose sessions were removed: caches everywhere must drop them. */
export type RevokedTokens = (keyIds: string[]) => void | Promise<void>;

/**
 * Everything OAuth keeps in regional Redis (clients, tokens), as one place for the Gateway API and the
 * token endpoints alike: whatever removes a token's session reports it to `revoked`, so no caller can
 * forget to evict it from the key caches of the region's gateways.
 */
export class OAuthStore {
  private readonly clients: OAuthClientRepository;
  private readonly tokens: OAuthTokenRepository;
  private readonly hashing: OAuthHashing;

  constructor(
    redis: RedisConnection,
    hasher: () => KeyHasher | undefined,
    private readonly revoked: RevokedTokens,
  ) {
    this.hashing = new OAuthHashing(hasher);
    this.clients = new OAuthClientRepository(redis);
    this.tokens = new OAuthTokenRepository(redis, this.hashing);
  }

  findClient(apiId: string, clientId: string): Promise<StoredOAuthClient | undefined> {
    return this.clients.find(apiId, clientId);
  }

  /** The registration a token must belong to (see StoredOAuthClient.rev); undefined once deleted. */
  async clientRevision(apiId: string, clientId: string): Promise<string | undefined> {
    return (await this.clients.find(apiId, clientId))?.rev;
  }

  listClients(apiId: string): Promise<StoredOAuthClient[]> {
    return this.clients.list(apiId);
  }

  saveClient(apiId: string, client: StoredOAuthClient, maxClients: number): Promise<boolean> {
    return this.clients.save(apiId, client, maxClients);
  }

  /** Tyk's DeleteClient: the client, its index entry and its token records go; see forgetClient. */
  async deleteClient(apiId: string, clientId: string): Promise<boolean> {
    const existed = await this.clients.delete(apiId, clientId);
    await this.tokens.forgetClient(apiId, clientId);
    return existed;
  }

  secretHash(clientId: string, secret: string): string {
    return this.hashing.secretHash(clientId, secret);
  }

  secretMatches(clientId: string, secret: string, storedHash: string): boolean {
    return this.hashing.secretMatches(clientId, secret, storedHash);
  }

  async issue(issue: TokenIssue): Promise<void> {
    await this.report(await this.tokens.issue(issue));
  }

  takeRefresh(
    apiId: string,
    refreshToken: string,
    clientId: string,
  ): Promise<RefreshRecord | 'unknown' | 'other-client'> {
    return this.tokens.takeRefresh(apiId, refreshToken, clientId);
  }

  async revokeAccess(apiId: string, accessToken: string): Promise<void> {
    await this.report(await this.tokens.revokeAccess(apiId, accessToken));
  }

  async revokeAccessIds(apiId: string, accessIds: string[]): Promise<void> {
    await this.report(await this.tokens.revokeAccessIds(apiId, accessIds));
  }

  revokeRefresh(apiId: string, refreshToken: string): Promise<void> {
    return this.tokens.revokeRefresh(apiId, refreshToken);
  }

  async revokeAll(apiId: string, clientId: string): Promise<void> {
    await this.report(await this.tokens.revokeAll(apiId, clientId));
  }

  private async report(keyIds: string[]): Promise<void> {
    if (keyIds.length > 0) await this.revoked(keyIds);
  }
}
