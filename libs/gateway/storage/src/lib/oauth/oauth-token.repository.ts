import { isCluster, RedisConnection } from '../redis-connection';

import { sessionKey } from '../session.repository';
import type { OAuthHashing } from './oauth-hashing';
import { accessKey, apiKeyspace, clientTokensKey, refreshKey } from './oauth-redis-keys';

/** What an access token was issued with (kept as long as its session). */
interface AccessRecord {
  client_id: string;
  /** The id of the refresh token issued with it, '' when none was. */
  refresh_id: string;
}

/** What a refresh token may renew: its client, the access token it came with, the session to rebuild. */
export interface RefreshRecord {
  client_id: string;
  access_id: string;
  /** The session the token was built from (Tyk's osin `UserData`), without credentials. */
  user_data: Record<string, unknown>;
  scope: string;
}

export interface TokenIssue {
  apiId: string;
  clientId: string;
  accessToken: string;
  /** The session the access token authenticates as; stored under the token's key id. */
  session: Record<string, unknown>;
  /** Unix seconds the token expires at: its score among the client's tokens. */
  expiresAt: number;
  /** Seconds Redis keeps the session (past expiresAt, so an expired token is told it expired). */
  sessionTtl: number;
  refresh?: { token: string; ttl: number; record: Omit<RefreshRecord, 'access_id' | 'client_id'> };
  /** Live tokens a client may hold; the oldest are revoked past it. */
  maxTokens: number;
}

/** Takes a refresh record only when the given client owns it: a wrong client must not burn it. */
const TAKE_REFRESH = `
local raw = redis.call('GET', KEYS[1])
if not raw then return {0} end
local ok, record = pcall(cjson.decode, raw)
if not ok or type(record) ~= 'table' then
  redis.call('DEL', KEYS[1])
  return {0}
end
if record['client_id'] ~= ARGV[1] then return {2} end
redis.call('DEL', KEYS[1])
return {1, raw}
`;

function parseAccess(json: string | null): AccessRecord | undefined {
  if (json === null) return undefined;
  try {
    const record = JSON.parse(json) as Partial<AccessRecord>;
    return typeof record.client_id === 'string'
      ? { client_id: record.client_id, refresh_id: record.refresh_id ?? '' }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * OAuth access and refresh tokens in regional Redis, only ever under their hashed ids. An access token
 * is a key: its session sits at `apikey-<id>` like any key's, so every gateway of the region accepts it.
 * Methods that remove sessions answer the ids removed, for the caller to evict from key caches.
 */
export class OAuthTokenRepository {
  constructor(
    private readonly redis: RedisConnection,
    private readonly hashing: OAuthHashing,
  ) {}

  private api(apiId: string): string {
    return apiKeyspace(apiId, isCluster(this.redis));
  }

  /**
   * A token's session is a key's (`apikey-<id>`, Tyk's name), outside the API's hash slot: on one
   * server it joins the API's transaction; on a Cluster it is written after it (a token is usable only
   * once indexed, so a revocation finds it) and removed before it (a token stops working first).
   */
  private get sessionApart(): boolean {
    return isCluster(this.redis);
  }

  /** Stores a new token (and its refresh token) at once; answers the ids revoked to stay within the cap. */
  async issue(issue: TokenIssue): Promise<string[]> {
    const { apiId, clientId } = issue;
    const accessId = this.hashing.accessId(issue.accessToken);
    const refreshId = issue.refresh ? this.hashing.refreshId(issue.refresh.token) : '';
    const tokens = clientTokensKey(this.api(apiId), clientId);
    const access: AccessRecord = { client_id: clientId, refresh_id: refreshId };
    const session = JSON.stringify(issue.session);
    const multi = this.redis.multi();
    if (!this.sessionApart) multi.set(sessionKey(accessId), session, 'EX', issue.sessionTtl);
    multi
      .set(accessKey(this.api(apiId), accessId), JSON.stringify(access), 'EX', issue.sessionTtl)
      .zadd(tokens, issue.expiresAt, accessId)
      // Entries whose sessions Redis has already dropped (tokens live as long as this one, so a score
      // below expiresAt - sessionTtl belongs to a session issued more than sessionTtl ago).
      .zremrangebyscore(tokens, '-inf', `(${issue.expiresAt - issue.sessionTtl}`);
    if (issue.refresh) {
      const record: RefreshRecord = { ...issue.refresh.record, client_id: clientId, access_id: accessId };
      multi.set(refreshKey(this.api(apiId), refreshId), JSON.stringify(record), 'EX', issue.refresh.ttl);
    }
    const results = await multi.zcard(tokens).exec();
    if (this.sessionApart) await this.redis.set(sessionKey(accessId), session, 'EX', issue.sessionTtl);
    const count = Number(results?.[results.length - 1]?.[1] ?? 0);
    if (count <= issue.maxTokens) return [];
    const popped = await this.redis.zpopmin(tokens, count - issue.maxTokens);
    const evicted = popped.filter((_, index) => index % 2 === 0);
    // Their refresh tokens go too: otherwise minting tokens would still pile refresh records up.
    await this.dropAccess(apiId, evicted, true);
    return evicted;
  }

  /** The refresh record, consumed (one use only), or why not: unknown, or issued to another client. */
  async takeRefresh(
    apiId: string,
    refreshToken: string,
    clientId: string,
  ): Promise<RefreshRecord | 'unknown' | 'other-client'> {
    const key = refreshKey(this.api(apiId), this.hashing.refreshId(refreshToken));
    const [status, raw] = (await this.redis.eval(TAKE_REFRESH, 1, key, clientId)) as [number, string?];
    if (status === 2) return 'other-client';
    if (status !== 1 || raw === undefined) return 'unknown';
    return JSON.parse(raw) as RefreshRecord;
  }

  /**
   * Tyk's RemoveAccess: the token's session goes, so the token stops working at once. Only a token this
   * API issued is removed: Tyk would delete any key's session given its raw value here.
   */
  async revokeAccess(apiId: string, accessToken: string): Promise<string[]> {
    return this.dropAccess(apiId, [this.hashing.accessId(accessToken)]);
  }

  /** Removes access tokens by id (the previous token of a refresh); answers the ids that were this API's. */
  async revokeAccessIds(apiId: string, accessIds: string[]): Promise<string[]> {
    return this.dropAccess(apiId, accessIds);
  }

  async revokeRefresh(apiId: string, refreshToken: string): Promise<void> {
    await this.redis.del(refreshKey(this.api(apiId), this.hashing.refreshId(refreshToken)));
  }

  /** Tyk's RevokeAllTokens: every live token of the client and their refresh tokens. */
  async revokeAll(apiId: string, clientId: string): Promise<string[]> {
    const ids = await this.redis.zrange(clientTokensKey(this.api(apiId), clientId), 0, -1);
    const revoked = await this.dropAccess(apiId, ids, true);
    await this.redis.del(clientTokensKey(this.api(apiId), clientId));
    return revoked;
  }

  /**
   * A deleted client's token records, as Tyk's DeleteClient drops its token list. The sessions stay
   * until they expire, so their tokens are refused with Tyk's "OAuth client access was revoked".
   */
  async forgetClient(apiId: string, clientId: string): Promise<void> {
    const ids = await this.redis.zrange(clientTokensKey(this.api(apiId), clientId), 0, -1);
    const records =
      ids.length > 0 ? await this.redis.mget(ids.map((id) => accessKey(this.api(apiId), id))) : [];
    const refreshIds = records.flatMap((json) => parseAccess(json)?.refresh_id || []);
    await this.redis.del(
      clientTokensKey(this.api(apiId), clientId),
      ...ids.map((id) => accessKey(this.api(apiId), id)),
      ...refreshIds.map((id) => refreshKey(this.api(apiId), id)),
    );
  }

  /** Removes sessions, access records and (with `withRefresh`) refresh tokens of this API's tokens. */
  private async dropAccess(apiId: string, accessIds: string[], withRefresh = false): Promise<string[]> {
    if (accessIds.length === 0) return [];
    const records = await this.redis.mget(accessIds.map((id) => accessKey(this.api(apiId), id)));
    const found = accessIds.flatMap((id, index) => {
      const record = parseAccess(records[index]);
      return record ? [{ id, record }] : [];
    });
    if (found.length === 0) return [];
    if (this.sessionApart) await Promise.all(found.map(({ id }) => this.redis.del(sessionKey(id))));
    const multi = this.redis.multi();
    for (const { id, record } of found) {
      if (!this.sessionApart) multi.del(sessionKey(id));
      multi.del(accessKey(this.api(apiId), id)).zrem(clientTokensKey(this.api(apiId), record.client_id), id);
      if (withRefresh && record.refresh_id) multi.del(refreshKey(this.api(apiId), record.refresh_id));
    }
    await multi.exec();
    return found.map(({ id }) => id);
  }
}
