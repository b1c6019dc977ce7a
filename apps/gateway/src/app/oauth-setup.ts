import type { OAuthAdminOptions } from '@gatehouse/gateway-control-api';
import type { ApiSpec, Registry, RoutedApi } from '@gatehouse/gateway-core';
import {
  CachedKeyResolver,
  ClientRevisions,
  OAuthEndpoints,
  OAuthSettings,
} from '@gatehouse/gateway-middleware';
import { OAuthStore } from '@gatehouse/gateway-storage';
import type { OAuthTraffic } from '@gatehouse/gateway-proxy';
import type { KeyHasher } from '@gatehouse/shared-tyk-compat';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { GatewayConfig } from './gateway.config';
import type { RegionalStorage } from './regional-storage';

/** osin's and Tyk's defaults, used where tyk.conf leaves a setting at 0. */
const DEFAULT_TOKEN_EXPIRE_SECONDS = 3600;
const DEFAULT_REFRESH_EXPIRE_SECONDS = 14 * 24 * 3600;
const DEFAULT_ERROR_STATUS = 403;

export interface GatewayOAuth {
  /** The token and revoke endpoints, for the proxy. */
  endpoints: OAuthEndpoints;
  /** Whether tokens' clients are still registered, for the chains' bearer stage. */
  clients: ClientRevisions;
  /** Client registration and revocation, for the Gateway API. */
  admin: OAuthAdminOptions;
}

export function oauthSettings(config: GatewayConfig): OAuthSettings {
  return {
    tokenExpireSeconds: config.oauth_token_expire || DEFAULT_TOKEN_EXPIRE_SECONDS,
    refreshExpireSeconds: config.oauth_refresh_token_expire || DEFAULT_REFRESH_EXPIRE_SECONDS,
    errorStatus: config.oauth_error_status_code || DEFAULT_ERROR_STATUS,
    expiredGraceSeconds: config.oauth_limits.expired_token_grace_seconds,
    maxTokensPerClient: config.oauth_limits.max_tokens_per_client,
    keyFormat: config.hash_key_function,
  };
}

/**
 * Where the proxy hands OAuth APIs' endpoints. The endpoints need the key cache, made after the proxy,
 * so they arrive later (as the control app's handler does, see ControlRouter); the proxy answers 503
 * until the gateway is ready, by which time they are in place.
 */
export class OAuthRouting implements OAuthTraffic {
  private endpoints?: OAuthEndpoints;

  use(endpoints: OAuthEndpoints): void {
    this.endpoints = endpoints;
  }

  serve(spec: ApiSpec, path: string, req: IncomingMessage, res: ServerResponse): boolean {
    return this.endpoints?.serve(spec, path, req, res) ?? false;
  }
}

/**
 * Tyk's OAuth server on this gateway: clients and tokens in regional Redis (any gateway of the region
 * serves them), tokens hashed as keys are. A revoked token is evicted from this gateway's key cache at
 * once and from every other gateway's through the cluster channel.
 */
export function createOAuth(
  config: GatewayConfig,
  storage: RegionalStorage,
  registry: { readonly current: Registry<RoutedApi> },
  hasher: () => KeyHasher | undefined,
  keys: CachedKeyResolver,
  failed: (error: unknown) => void,
): GatewayOAuth {
  const store = new OAuthStore(storage.redis, hasher, async (keyIds) => {
    keys.invalidate(keyIds);
    await storage.notifications.publish('KeySpaceUpdateNotification', keyIds.join(','));
  });
  const endpoints = new OAuthEndpoints(
    {
      store,
      policies: () => (id: string) => registry.current.policy(id),
      keys,
      settings: oauthSettings(config),
    },
    failed,
  );
  const admin: OAuthAdminOptions = {
    store,
    maxClientsPerApi: config.oauth_limits.max_clients_per_api,
    apis: {
      api: (apiId) => registry.current.api(apiId)?.spec,
      all: () => [...registry.current.eachApi()].map((api) => api.spec),
      policy: (policyId) => registry.current.policy(policyId),
    },
  };
  return { endpoints, clients: new ClientRevisions(store), admin };
}
