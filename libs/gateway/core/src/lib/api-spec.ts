import { compileLinearRegex, FieldIssue, InvalidInputError, LinearRegex } from '@gatehouse/shared-kernel';
import type { StreamSpec } from '@gatehouse/shared-streams';
import {
  ApiDefinition,
  apiDefinitionSchema,
  isTykOas,
  oasToClassic,
  versionInfoSchema,
} from '@gatehouse/shared-tyk-compat';

import { AuthSpec, compileAuth } from './auth-spec';
import { compileClientCertificates } from './client-certificates';
import { IpList } from './ip-list';
import { tykExpiry } from './expiry';
import { compileVersion, VersionSpec } from './version-spec';

export interface UpstreamSpec {
  /** Each target's origin (`http://host:port`) and base path ('' or '/base'). */
  targets: { origin: string; basePath: string }[];
  preserveHost: boolean;
}

/** Tyk's VersionCheck settings (`definition`, `version_data`, `expiration`). */
export interface VersioningSpec {
  /** False for `not_versioned` APIs: only the API's expiry is checked. */
  versioned: boolean;
  /** Where the version is read; '' (or an empty key) means nowhere, as in Tyk: no defaults. */
  location: 'header' | 'url-param' | 'url' | '';
  key: string;
  /** Remove the version header or query parameter before proxying (`strip_versioning_data`). */
  stripData: boolean;
  /** Remove the URL version segment (`strip_versioning_data` or the older `strip_path`). */
  stripUrlSegment: boolean;
  /** Only path segments matching it are taken as versions to strip (`url_versioning_pattern`). */
  urlPattern?: LinearRegex;
  defaultVersion: string;
  fallbackToDefault: boolean;
  /** The API's `expiration` (see tykExpiry). */
  expiresAt?: number;
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
  /** Tyk's `use_mutual_tls_auth`: the SHA-256 fingerprints of the client certificates allowed. */
  clientCertificates?: ReadonlySet<string>;
  cors?: NonNullable<ApiDefinition['CORS']>;
  /** Tyk's CORS.options_passthrough: OPTIONS requests skip every stage, whether CORS is on or not. */
  optionsPassthrough: boolean;
  /** Tyk's enable_context_vars: the request's `$tyk_context.*` values are read. */
  enableContextVars: boolean;
  /** Tyk's cache_options when `enable_cache` is set. */
  cache?: { timeoutSeconds: number; allSafeRequests: boolean; codes: number[]; byHeaders: string[] };
  tags: string[];
  doNotTrack: boolean;
  detailedRecording: boolean;
  stripAuthData: boolean;
  /**
   * Gatehouse's `allow_encoded_slashes`: serve paths holding `%2F`, `%5C` or a raw `\` (refused with
   * 400 otherwise, since upstreams disagree on whether they separate segments).
   */
  allowEncodedSlashes: boolean;
  /**
   * Tyk's `active`: an inactive API is not served. The parsed definition itself is not kept: with its
   * defaults filled in it was the largest object of a compiled API, and nothing reads it after compiling.
   */
  active: boolean;
  /** Its `x-tyk-streaming` streams (Tyk OAS only), compiled; empty for a plain API. */
  streams: StreamSpec[];
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

function compileVersions(definition: ApiDefinition, issues: FieldIssue[]): Map<string, VersionSpec> {
  const versions = new Map<string, VersionSpec>();
  for (const [name, info] of Object.entries(definition.version_data?.versions ?? {})) {
    try {
      versions.set(name, compileVersion(name, info, definition.api_id));
    } catch (error) {
      issues.push({ path: `version_data.versions.${name}`, message: (error as Error).message });
    }
  }
  if (versions.size === 0)
    versions.set('Default', compileVersion('Default', versionInfoSchema.parse({}), definition.api_id));
  return versions;
}

function compileVersioning(
  definition: ApiDefinition,
  versioned: boolean,
  issues: FieldIssue[],
): VersioningSpec | undefined {
  const expiresAt = tykExpiry(definition.expiration);
  if (!versioned && expiresAt === undefined) return undefined;
  const settings = definition.definition;
  let urlPattern: LinearRegex | undefined;
  if (settings?.url_versioning_pattern) {
    try {
      urlPattern = compileLinearRegex(settings.url_versioning_pattern);
    } catch (error) {
      issues.push({ path: 'definition.url_versioning_pattern', message: (error as Error).message });
    }
  }
  return {
    versioned,
    location: settings?.location ?? '',
    key: settings?.key ?? '',
    stripData: settings?.strip_versioning_data ?? false,
    stripUrlSegment: (settings?.strip_versioning_data ?? false) || (settings?.strip_path ?? false),
    urlPattern,
    defaultVersion: definition.version_data?.default_version ?? '',
    fallbackToDefault: settings?.fallback_to_default ?? false,
    expiresAt,
  };
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
    ['use_openid', definition['use_openid'] === true],
    ['enable_coprocess_auth', definition['enable_coprocess_auth'] === true],
  ] as const) {
    if (enabled && !definition.use_keyless)
      issues.push({ path: field, message: 'this authentication method is not supported yet' });
  }
  const upstream = compileUpstream(definition, issues);
  const versions = compileVersions(definition, issues);
  const versionData = definition.version_data;
  const versioned = versionData !== null && versionData !== undefined && !versionData.not_versioned;
  const spec: ApiSpec = {
    apiId: definition.api_id,
    name: definition.name,
    orgId: definition.org_id,
    listenPath: normaliseListenPath(definition.proxy.listen_path),
    domain: definition.domain.toLowerCase(),
    stripListenPath: definition.proxy.strip_listen_path,
    upstream,
    auth: compileAuth(definition, issues),
    versioning: compileVersioning(definition, versioned, issues),
    versions,
    disableRateLimit: definition.disable_rate_limit,
    disableQuota: definition.disable_quota,
    // Tyk's RateLimitForAPI does nothing at all, endpoint limits included, under disable_rate_limit.
    globalRateLimit:
      !definition.disable_rate_limit &&
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
    clientCertificates: definition.use_mutual_tls_auth
      ? compileClientCertificates(definition.client_certificates, issues)
      : undefined,
    cors: definition.CORS?.enable ? definition.CORS : undefined,
    optionsPassthrough: definition.CORS?.options_passthrough ?? false,
    enableContextVars: definition.enable_context_vars,
    cache: definition.cache_options?.enable_cache
      ? {
          timeoutSeconds: definition.cache_options.cache_timeout,
          allSafeRequests: definition.cache_options.cache_all_safe_requests,
          codes: definition.cache_options.cache_response_codes,
          byHeaders: definition.cache_options.cache_by_headers.map((name) => name.toLowerCase()),
        }
      : undefined,
    tags: definition.tags,
    doNotTrack: definition.do_not_track,
    detailedRecording: definition.enable_detailed_recording,
    stripAuthData: definition.strip_auth_data,
    allowEncodedSlashes: definition.allow_encoded_slashes,
    active: definition.active,
    streams: oas?.streams ?? [],
  };
  if (issues.length > 0) throw new InvalidInputError(issues);
  return spec;
}
