import { FieldIssue, InvalidInputError } from '@gatehouse/shared-model';
import {
  ApiDefinition,
  apiDefinitionSchema,
  authTokenConfig,
  isTykOas,
  oasToClassic,
  versionInfoSchema,
} from '@gatehouse/shared-tyk-compat';

import { IpList } from './ip-list';
import { compileVersion, VersionSpec } from './version-spec';

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
export const AUTH_METHODS = ['auth_token', 'basic_auth_user', 'hmac_key', 'jwt_claim'] as const;
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
  hmac?: { clockSkewMs: number };
}

export interface UpstreamSpec {
  /** Each target's origin (`http://host:port`) and base path ('' or '/base'). */
  targets: { origin: string; basePath: string }[];
  preserveHost: boolean;
}

export interface VersioningSpec {
  location: 'header' | 'url-param' | 'url';
  key: string;
  stripVersion: boolean;
  defaultVersion: string;
}

/** An API definition compiled for serving: every pattern and list built once at load time. */
export interface ApiSpec {
  apiId: string;
  name: string;
  orgId: string;
  /** Listen path without a trailing slash ('' for the root). */
  listenPath: string;
  /** Lower-case host this API answers on; '' for any host. */
  domain: string;
  stripListenPath: boolean;
  upstream: UpstreamSpec;
  auth: AuthSpec;
  /** Undefined when the API is not versioned: then `versions` holds exactly one entry. */
  versioning?: VersioningSpec;
  versions: Map<string, VersionSpec>;
  disableRateLimit: boolean;
  disableQuota: boolean;
  globalRateLimit?: { rate: number; per: number };
  allowedIps?: IpList;
  blockedIps?: IpList;
  cors?: NonNullable<ApiDefinition['CORS']>;
  tags: string[];
  doNotTrack: boolean;
  detailedRecording: boolean;
  stripAuthData: boolean;
  /**
   * Gatehouse's `allow_encoded_slashes`: serve paths holding `%2F`, `%5C` or a raw `\` (refused with
   * 400 otherwise, since upstreams disagree on whether they separate segments).
   */
  allowEncodedSlashes: boolean;
  /** The definition as loaded, for the Gateway API and analytics. */
  definition: ApiDefinition;
}

function normaliseListenPath(path: string): string {
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  return withSlash.replace(/\/+$/, '');
}

function parseTarget(
  url: string,
  field: string,
  issues: FieldIssue[],
): UpstreamSpec['targets'][number] | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
    return { origin: parsed.origin, basePath: parsed.pathname.replace(/\/+$/, '') };
  } catch {
    issues.push({ path: field, message: `"${url}" is not an http(s) URL` });
    return undefined;
  }
}

function compileUpstream(definition: ApiDefinition, issues: FieldIssue[]): UpstreamSpec {
  const proxy = definition.proxy;
  const urls =
    proxy.enable_load_balancing && proxy.target_list.length > 0
      ? proxy.target_list.map((url, index) => ({ url, field: `proxy.target_list.${index}` }))
      : [{ url: proxy.target_url, field: 'proxy.target_url' }];
  const targets = urls.flatMap(({ url, field }) => parseTarget(url, field, issues) ?? []);
  return { targets, preserveHost: proxy.preserve_host_header };
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
    identityField: definition.jwt_identity_base_field || 'sub',
    policyField: definition.jwt_policy_field_name || 'pol',
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

function compileAuth(definition: ApiDefinition, issues: FieldIssue[]): AuthSpec {
  if (definition.use_keyless) return { keyless: true, identityFrom: '', basic: false };
  const token = authTokenConfig(definition);
  const other = definition.use_basic_auth || definition.enable_jwt || definition.enable_signature_checking;
  const useToken = definition.use_standard_auth || !other;
  const enabled: Record<AuthMethod, boolean> = {
    auth_token: useToken,
    basic_auth_user: definition.use_basic_auth,
    hmac_key: definition.enable_signature_checking,
    jwt_claim: definition.enable_jwt,
  };
  return {
    keyless: false,
    identityFrom: identityProvider(definition, enabled, issues),
    token: useToken ? tokenSpec(token) : undefined,
    basic: definition.use_basic_auth,
    jwt: definition.enable_jwt ? compileJwt(definition, issues) : undefined,
    hmac: definition.enable_signature_checking
      ? { clockSkewMs: definition.hmac_allowed_clock_skew > 0 ? definition.hmac_allowed_clock_skew : 0 }
      : undefined,
  };
}

function compileVersions(definition: ApiDefinition, issues: FieldIssue[]): Map<string, VersionSpec> {
  const versions = new Map<string, VersionSpec>();
  for (const [name, info] of Object.entries(definition.version_data?.versions ?? {})) {
    try {
      versions.set(name, compileVersion(name, info));
    } catch (error) {
      issues.push({ path: `version_data.versions.${name}`, message: (error as Error).message });
    }
  }
  if (versions.size === 0) versions.set('Default', compileVersion('Default', versionInfoSchema.parse({})));
  return versions;
}

function compileIpList(entries: string[], field: string, issues: FieldIssue[]): IpList | undefined {
  try {
    return new IpList(entries);
  } catch (error) {
    issues.push({ path: field, message: (error as Error).message });
    return undefined;
  }
}

/**
 * Validates a Tyk classic definition and compiles it for serving. Throws {@link InvalidInputError}
 * naming every bad field, so a bad definition is refused whole and the running config keeps serving.
 */
export function compileApiSpec(input: unknown): ApiSpec {
  const oas = isTykOas(input) ? oasToClassic(input) : undefined;
  if (oas && oas.issues.length > 0) throw new InvalidInputError(oas.issues);
  const parsed = apiDefinitionSchema.safeParse(oas ? oas.definition : input);
  if (!parsed.success) {
    throw new InvalidInputError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    );
  }
  const definition = parsed.data;
  const issues: FieldIssue[] = [];
  // Fail closed: an API asking for an authentication we cannot check must not be served open.
  for (const [field, enabled] of [
    ['use_oauth2', definition['use_oauth2'] === true],
    ['use_openid', definition['use_openid'] === true],
    ['enable_coprocess_auth', definition['enable_coprocess_auth'] === true],
    ['use_mutual_tls_auth', definition['use_mutual_tls_auth'] === true],
  ] as const) {
    if (enabled && !definition.use_keyless)
      issues.push({ path: field, message: 'this authentication method is not supported yet' });
  }
  const upstream = compileUpstream(definition, issues);
  const versions = compileVersions(definition, issues);
  const versionData = definition.version_data;
  const versioned = versionData !== null && versionData !== undefined && !versionData.not_versioned;
  const location = definition.definition?.location || 'header';
  const spec: ApiSpec = {
    apiId: definition.api_id,
    name: definition.name,
    orgId: definition.org_id,
    listenPath: normaliseListenPath(definition.proxy.listen_path),
    domain: definition.domain.toLowerCase(),
    stripListenPath: definition.proxy.strip_listen_path,
    upstream,
    auth: compileAuth(definition, issues),
    versioning: versioned
      ? {
          location,
          key: definition.definition?.key || (location === 'header' ? 'x-api-version' : 'version'),
          stripVersion: definition.definition?.strip_path ?? false,
          defaultVersion: versionData.default_version,
        }
      : undefined,
    versions,
    disableRateLimit: definition.disable_rate_limit,
    disableQuota: definition.disable_quota,
    globalRateLimit:
      definition.global_rate_limit &&
      !definition.global_rate_limit.disabled &&
      definition.global_rate_limit.rate > 0
        ? { rate: definition.global_rate_limit.rate, per: definition.global_rate_limit.per }
        : undefined,
    allowedIps: definition.enable_ip_whitelisting
      ? compileIpList(definition.allowed_ips, 'allowed_ips', issues)
      : undefined,
    blockedIps: definition.enable_ip_blacklisting
      ? compileIpList(definition.blacklisted_ips, 'blacklisted_ips', issues)
      : undefined,
    cors: definition.CORS?.enable ? definition.CORS : undefined,
    tags: definition.tags,
    doNotTrack: definition.do_not_track,
    detailedRecording: definition.enable_detailed_recording,
    stripAuthData: definition.strip_auth_data,
    allowEncodedSlashes: definition.allow_encoded_slashes,
    definition,
  };
  if (issues.length > 0) throw new InvalidInputError(issues);
  return spec;
}
