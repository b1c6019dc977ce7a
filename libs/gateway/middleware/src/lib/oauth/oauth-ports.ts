import type { OAuthStore } from '@gatehouse/gateway-storage';
import type { PolicyLookup } from '@gatehouse/shared-tyk-compat';

import type { KeyResolver } from '../ports';

/** What the bearer stage asks: the current registration of a client (undefined once deleted). */
export interface OAuthClientLookup {
  clientRevision(apiId: string, clientId: string): Promise<string | undefined>;
}

/** Where clients and tokens live (OAuthStore in regional Redis; a fake in unit tests). */
export type OAuthTokenStore = Pick<
  OAuthStore,
  | 'findClient'
  | 'secretMatches'
  | 'issue'
  | 'takeRefresh'
  | 'revokeAccess'
  | 'revokeAccessIds'
  | 'revokeRefresh'
  | 'revokeAll'
>;

/** The gateway's OAuth settings, Tyk's names in the comments. */
export interface OAuthSettings {
  /** `oauth_token_expire`: seconds an access token lives (osin's 3600 when unset). */
  tokenExpireSeconds: number;
  /** `oauth_refresh_token_expire`: seconds a refresh token lives (Tyk's 14 days when unset). */
  refreshExpireSeconds: number;
  /** `oauth_error_status_code`: the status of every osin error (Tyk's 403 when unset). */
  errorStatus: number;
  /**
   * Seconds an expired token's session is kept, so the token is told it expired (Tyk's 401 "Key has
   * expired, please renew") rather than that it is unknown; Tyk keeps it for ever.
   */
  expiredGraceSeconds: number;
  /** Live tokens one client may hold on an API; issuing more revokes the oldest. */
  maxTokensPerClient: number;
  /** The format of minted access tokens (Tyk's hash_key_function), as for /tyk/keys keys. */
  keyFormat: string;
}

export interface OAuthServerDependencies {
  store: OAuthTokenStore;
  /** The current registry's policies: a client's policy builds its tokens' sessions. */
  policies: () => PolicyLookup;
  /** Finds basic-auth users for the password grant, as the basic-auth stage does. */
  keys: KeyResolver;
  settings: OAuthSettings;
}
