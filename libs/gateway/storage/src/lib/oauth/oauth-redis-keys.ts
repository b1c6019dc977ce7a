/**
 * Where an API's OAuth data lives in regional Redis: under Tyk's prefix `oauth-data.<apiId>.` and Tyk's
 * names, except that every id after a name is a keyed hash (see OAuthHashing) where Tyk keeps tokens in
 * clear, and that the client index is a set of client ids (Tyk keeps a set of client documents).
 * Each function takes the API's id as {@link apiKeyspace} gives it.
 */
function prefix(api: string): string {
  return `oauth-data.${api}.`;
}

/**
 * The API's id as its keys hold it: hash-tagged on a Cluster (`{<apiId>}`), so every OAuth key of the
 * API shares a slot (scripts and transactions touch several); unchanged on one server, so stored clients
 * and tokens survive an upgrade.
 */
export function apiKeyspace(apiId: string, cluster: boolean): string {
  return cluster ? `{${apiId}}` : apiId;
}

/** The client document, JSON. */
export function clientKey(api: string, clientId: string): string {
  return `${prefix(api)}oauth-clientid.${clientId}`;
}

/** The ids of the API's clients (a set): listing and the per-API cap read it. */
export function clientIdsKey(api: string): string {
  return `${prefix(api)}oauth-client-ids`;
}

/** The client's live access tokens (a sorted set): member the access id, score its expiry (unix s). */
export function clientTokensKey(api: string, clientId: string): string {
  return `${prefix(api)}oauth-client-tokens.${clientId}`;
}

/** What an access token was issued with, JSON; lives as long as its session. */
export function accessKey(api: string, accessId: string): string {
  return `${prefix(api)}oauth-access.${accessId}`;
}

/** What a refresh token may renew, JSON; lives `oauth_refresh_token_expire` seconds. */
export function refreshKey(api: string, refreshId: string): string {
  return `${prefix(api)}oauth-refresh.${refreshId}`;
}
