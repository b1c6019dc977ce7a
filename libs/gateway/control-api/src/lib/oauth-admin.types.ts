import type { ApiSpec } from '@gatehouse/gateway-core';
import type { OAuthStore } from '@gatehouse/gateway-storage';
import type { Policy } from '@gatehouse/shared-tyk-compat';

/** What client registration reads from the gateway's registry. */
export interface OAuthApis {
  api(apiId: string): ApiSpec | undefined;
  all(): ApiSpec[];
  policy(policyId: string): Policy | undefined;
}

/** Everything the Gateway API's `/tyk/oauth/*` routes need, handed in by the gateway app. */
export interface OAuthAdminOptions {
  store: OAuthStore;
  /** Clients one API may hold (oauth_limits.max_clients_per_api): one tenant cannot fill Redis. */
  maxClientsPerApi: number;
  apis: OAuthApis;
}

export const OAUTH_ADMIN_OPTIONS = Symbol('OAUTH_ADMIN_OPTIONS');

/**
 * Tyk's NewClientRequest as Tyk answers it, fields in Go's order (`api_id` is never set in answers,
 * `policy_id` is left out when empty). `secret` is shown only when the client is created: Gatehouse
 * keeps no readable copy, so later reads carry "".
 */
export interface OAuthClientAnswer {
  client_id: string;
  redirect_uri: string;
  policy_id?: string;
  secret: string;
  meta_data: unknown;
  description: string;
}
