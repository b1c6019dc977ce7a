/** How an API authenticates: the methods a Tyk definition enables, compiled once at load. */
import type { FieldIssue } from '@gatehouse/shared-kernel';
import { ApiDefinition, authTokenConfig } from '@gatehouse/shared-tyk-compat';

import { compileOAuth, OAuthSpec } from './oauth-spec';

export interface TokenAuthSpec {
  /** Lower-case header name, '' when reading the header is disabled. */
  header: string;
  param: string;
  cookie: string;
}

/** Where a JWT's verification key comes from: a shared secret, a PEM public key, or JWKS URLs. */
export type JwtKeySource =
  | { kind: 'secret'; secret: Buffer }
  | { kind: 'pem'; pem: string }
  | { kind: 'jwks'; urls: { url: string; cacheSeconds: number }[] };

export interface JwtAuthSpec {
  /** Tyk's jwt_signing_method: hmac, rsa or ecdsa; the token's `alg` must belong to it. */
  signingMethod: 'hmac' | 'rsa' | 'ecdsa';
  keys: JwtKeySource;
  identityField: string;
  policyField: string;
  defaultPolicies: string[];
  scopeClaim: string;
  scopeToPolicy: Record<string, string>;
  expiresSkewSeconds: number;
  notBeforeSkewSeconds: number;
  issuedAtSkewSeconds: number;
  /** Where the token travels (Tyk's auth_configs.jwt), `Bearer ` accepted. */
  token: TokenAuthSpec;
}

/** Tyk's `base_identity_provided_by`: which enabled method's session the request runs as. */
export const AUTH_METHODS = ['auth_token', 'basic_auth_user', 'hmac_key', 'jwt_claim', 'oauth_key'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export interface AuthSpec {
  keyless: boolean;
  /**
   * Every enabled method must pass (a chain is never weaker than configured). The session comes from
   * this method, or, when unset, from the last method of the chain that ran (Tyk's behaviour).
   */
  identityFrom: AuthMethod | '';
  token?: TokenAuthSpec;
  basic: boolean;
  jwt?: JwtAuthSpec;
  hmac?: { clockSkewMs: number; allowedAlgorithms: string[] };
  /** Tyk's `use_oauth2`: bearer access tokens this gateway issued (first in Tyk's auth order). */
  oauth?: OAuthSpec;
}

function tokenSpec(config: ReturnType<typeof authTokenConfig>): TokenAuthSpec {
  return {
    header: config.disable_header ? '' : config.auth_header_name.toLowerCase(),
    param: config.use_param ? config.param_name || config.auth_header_name : '',
    cookie: config.use_cookie ? config.cookie_name || config.auth_header_name : '',
  };
}

const SIGNING_METHODS = ['hmac', 'rsa', 'ecdsa'] as const;

/**
 * Tyk's `jwt_source` is base64: of the HMAC secret, of a PEM public key, or of a JWKS URL. Newer
 * definitions list JWKS URLs in `jwt_jwks_uris`. Key-per-identity JWTs (no source) are not supported.
 */
function jwtKeys(
  definition: ApiDefinition,
  method: JwtAuthSpec['signingMethod'],
  issues: FieldIssue[],
): JwtKeySource {
  if (definition.jwt_jwks_uris.length > 0) {
    return {
      kind: 'jwks',
      urls: definition.jwt_jwks_uris.map((entry) => ({
        url: entry.url,
        cacheSeconds: entry.cache_timeout || 240,
      })),
    };
  }
  const raw = definition.jwt_source.trim();
  if (!raw) {
    issues.push({
      path: 'jwt_source',
      message: 'a secret, PEM key or JWKS URL is required (key-per-identity JWTs are not supported)',
    });
    return { kind: 'secret', secret: Buffer.alloc(0) };
  }
  const decoded = /^https?:\/\//.test(raw) ? raw : Buffer.from(raw, 'base64').toString('utf8');
  if (/^https?:\/\//.test(decoded)) return { kind: 'jwks', urls: [{ url: decoded, cacheSeconds: 240 }] };
  if (method === 'hmac') return { kind: 'secret', secret: Buffer.from(raw, 'base64') };
  if (!decoded.includes('-----BEGIN'))
    issues.push({ path: 'jwt_source', message: 'expected a base64-encoded PEM public key' });
  return { kind: 'pem', pem: decoded };
}

function compileJwt(definition: ApiDefinition, issues: FieldIssue[]): JwtAuthSpec {
  const method = definition.jwt_signing_method as JwtAuthSpec['signingMethod'];
  if (!SIGNING_METHODS.includes(method)) {
    issues.push({ path: 'jwt_signing_method', message: 'must be hmac, rsa or ecdsa' });
  }
  const jwtConfig = definition.auth_configs['jwt'];
  return {
    signingMethod: method,
    keys: jwtKeys(definition, method, issues),
    // No defaults, as Tyk: an unnamed identity claim means `sub`, an unnamed policy claim means none.
    identityField: definition.jwt_identity_base_field,
    policyField: definition.jwt_policy_field_name,
    defaultPolicies: definition.jwt_default_policies,
    scopeClaim: definition.jwt_scope_claim_name || 'scope',
    scopeToPolicy: definition.jwt_scope_to_policy_mapping,
    expiresSkewSeconds: definition.jwt_expires_at_validation_skew,
    notBeforeSkewSeconds: definition.jwt_not_before_validation_skew,
    issuedAtSkewSeconds: definition.jwt_issued_at_validation_skew,
    token: tokenSpec(
      jwtConfig
        ? authTokenConfig({ ...definition, auth_configs: { authToken: jwtConfig } })
        : authTokenConfig(definition),
    ),
  };
}

function identityProvider(
  definition: ApiDefinition,
  enabled: Record<AuthMethod, boolean>,
  issues: FieldIssue[],
): AuthMethod | '' {
  const named = definition.base_identity_provided_by;
  if (named === '') return '';
  if (!(AUTH_METHODS as readonly string[]).includes(named) || !enabled[named as AuthMethod]) {
    const choices = AUTH_METHODS.filter((method) => enabled[method]).join(', ');
    issues.push({
      path: 'base_identity_provided_by',
      message: `must name an enabled authentication method (${choices || 'none enabled'})`,
    });
    return '';
  }
  return named as AuthMethod;
}

export function compileAuth(definition: ApiDefinition, issues: FieldIssue[]): AuthSpec {
  if (definition.use_keyless) return { keyless: true, identityFrom: '', basic: false };
  const token = authTokenConfig(definition);
  const other =
    definition.use_oauth2 ||
    definition.use_basic_auth ||
    definition.enable_jwt ||
    definition.enable_signature_checking;
  const useToken = definition.use_standard_auth || !other;
  const enabled: Record<AuthMethod, boolean> = {
    auth_token: useToken,
    basic_auth_user: definition.use_basic_auth,
    hmac_key: definition.enable_signature_checking,
    jwt_claim: definition.enable_jwt,
    oauth_key: definition.use_oauth2,
  };
  return {
    keyless: false,
    identityFrom: identityProvider(definition, enabled, issues),
    token: useToken ? tokenSpec(token) : undefined,
    basic: definition.use_basic_auth,
    oauth: definition.use_oauth2 ? compileOAuth(definition) : undefined,
    jwt: definition.enable_jwt ? compileJwt(definition, issues) : undefined,
    hmac: definition.enable_signature_checking
      ? {
          clockSkewMs: definition.hmac_allowed_clock_skew > 0 ? definition.hmac_allowed_clock_skew : 0,
          allowedAlgorithms: definition.hmac_allowed_algorithms.map((name) => name.toLowerCase()),
        }
      : undefined,
  };
}
