/**
 * Where an API's OAuth data lives in regional Redis: under Tyk's prefix `oauth-data.<apiId>.` and Tyk's
 * names, except that every id after a name is a keyed hash (see OAuthHashing) where Tyk keeps tokens in
 * clear, and that the client index is a set of client ids (Tyk keeps a set of client documents).
 */
function prefix(apiId: string): string {
  return `oauth-data.${apiId}.`;
}

/** The client document, JSON. */
export function clientKey(apiId: string, clientId: string): string {
  return `${prefix(apiId)}oauth-clientid.${clientId}`;
}

/** The ids of the API's clients (a set): listing and the per-API cap read it. */
export function clientIdsKey(apiId: string): string {
  return `${prefix(apiId)}oauth-client-ids`;
}

/** The client's live access tokens (a sorted set): member the access id, score its expiry (unix s). */
export function clientTokensKey(apiId: string, clientId: string): string {
  return `${prefix(apiId)}oauth-client-tokens.${clientId}`;
}

/** What an access token was issued with, JSON; lives as long as its session. */
export function accessKey(apiId: string, accessId: string): string {
  return `${prefix(apiId)}oauth-access.${accessId}`;
}

/** What a refresh token may renew, JSON; lives `oauth_refresh_token_expire` seconds. */
export function refreshKey(apiId: string, refreshId: string): string {
  return `${prefix(apiId)}oauth-refresh.${refreshId}`;
}
