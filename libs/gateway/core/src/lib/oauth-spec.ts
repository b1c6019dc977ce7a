/** Tyk's OAuth 2.0 authorisation server settings of an API (`use_oauth2`), compiled once at load. */
import type { ApiDefinition } from '@gatehouse/shared-tyk-compat';

import type { TokenAuthSpec } from './auth-spec';

/** The grant types the gateway can serve; any other (authorization_code, …) is refused as unsupported. */
export const SUPPORTED_GRANT_TYPES = ['client_credentials', 'refresh_token', 'password'] as const;
export type SupportedGrantType = (typeof SUPPORTED_GRANT_TYPES)[number];

export interface OAuthSpec {
  /**
   * Tyk's `oauth_meta.allowed_access_types`, as listed: osin refuses a grant not named here, so an API
   * that names none refuses them all, as in Tyk.
   */
  allowedAccessTypes: readonly string[];
  /**
   * Where the access token travels (Tyk's `auth_configs.oauth`): the raw value is read, `Bearer`
   * prefix included, because Tyk words a missing or non-bearer value differently.
   */
  token: TokenAuthSpec;
}

/** Tyk's getAuthToken for the `oauth` type: the API's `auth_configs.oauth`, else the Authorization header. */
export function compileOAuth(definition: ApiDefinition): OAuthSpec {
  const config = definition.auth_configs['oauth'];
  const header = config?.auth_header_name || 'Authorization';
  return {
    allowedAccessTypes: definition.oauth_meta?.allowed_access_types ?? [],
    token: {
      header: config?.disable_header ? '' : header.toLowerCase(),
      param: config?.use_param ? config.param_name || header : '',
      cookie: config?.use_cookie ? config.cookie_name || header : '',
    },
  };
}
