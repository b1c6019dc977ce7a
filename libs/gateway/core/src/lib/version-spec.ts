import { createHash } from 'node:crypto';

import type { VersionInfo } from '@gatehouse/shared-tyk-compat';

import { PathRule, pathRule } from './path-rule';
import { compileUrlRewrites, RewriteRule } from './url-rewrite-rule';

export interface HeaderRule extends PathRule {
  add: Record<string, string>;
  remove: string[];
}

export interface ValueRule<T> extends PathRule {
  value: T;
}

/** Tyk's per-endpoint rate limit: one bucket per endpoint of the API, shared by every caller. */
export interface EndpointRateLimit extends PathRule {
  rate: number;
  per: number;
  /** The bucket's name: the API and a digest of the endpoint's method and path. */
  scope: string;
}

export interface CircuitBreakerRule extends PathRule {
  thresholdPercent: number;
  samples: number;
  returnToServiceAfterMs: number;
}

/** One version of an API with its path rules compiled once, at load time, never per request. */
export interface VersionSpec {
  name: string;
  /** Milliseconds since the epoch from which the version is refused; undefined = never, NaN = unreadable. */
  expiresAt?: number;
  whiteList: PathRule[];
  blackList: PathRule[];
  ignored: PathRule[];
  requestHeaders: HeaderRule[];
  responseHeaders: HeaderRule[];
  urlRewrites: RewriteRule[];
  methodTransforms: ValueRule<string>[];
  hardTimeouts: ValueRule<number>[];
  circuitBreakers: CircuitBreakerRule[];
  sizeLimits: ValueRule<number>[];
  rateLimits: EndpointRateLimit[];
  globalHeaders: Record<string, string>;
  globalHeadersRemove: string[];
  globalResponseHeaders: Record<string, string>;
  globalResponseHeadersRemove: string[];
  globalSizeLimit: number;
  overrideTarget: string;
}

interface PathEntry {
  path: string;
  method: string;
  disabled: boolean;
  ignore_case?: boolean;
  method_actions?: Record<string, unknown>;
}

/** Tyk list entries name their methods either in `method` or as keys of `method_actions`. */
function listRules(entries: readonly PathEntry[]): PathRule[] {
  return entries
    .filter((entry) => !entry.disabled)
    .flatMap((entry) => {
      const methods = entry.method ? [entry.method] : Object.keys(entry.method_actions ?? {});
      return methods.length === 0
        ? [pathRule(entry.path, '', entry.ignore_case)]
        : methods.map((method) => pathRule(entry.path, method, entry.ignore_case));
    });
}

/**
 * Tyk's expiry fields ("2006-01-02 15:04", read as UTC) in epoch milliseconds: undefined when it never
 * expires ('' or '-1'), NaN when unreadable, which Tyk treats as already expired.
 */
export function tykExpiry(value: string): number | undefined {
  const text = value.trim();
  if (text === '' || text === '-1') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text);
  if (!match) return Number.NaN;
  const [, year, month, day, hour, minute] = match.map(Number);
  return Date.UTC(year, month - 1, day, hour, minute);
}

/** Whether an expiry from {@link tykExpiry} has passed (Tyk: `time.Since(expiry) >= 0`). */
export function hasExpired(expiresAt: number | undefined, now: number): boolean {
  return expiresAt !== undefined && (Number.isNaN(expiresAt) || now >= expiresAt);
}

/** Go's time.RFC1123 for a UTC time, as Tyk writes X-Tyk-API-Expires. */
export function rfc1123(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace(/GMT$/, 'UTC');
}

/**
 * Tyk enforces an endpoint limit only with a method (an empty one never matches), a period and a
 * rate; each gets a bucket of its own.
 */
function endpointRateLimits(apiId: string, entries: VersionInfo['extended_paths']['rate_limit']) {
  return entries
    .filter((entry) => !entry.disabled && entry.method !== '' && entry.per > 0 && entry.rate !== 0)
    .map((entry) => {
      const endpoint = `${entry.method.toUpperCase()}:${entry.path}`;
      const digest = createHash('sha256').update(endpoint).digest('hex').slice(0, 16);
      return {
        ...pathRule(entry.path, entry.method),
        rate: entry.rate,
        per: entry.per,
        scope: `api-${apiId}-${digest}`,
      };
    });
}

/** Compiles one version's paths. Legacy `paths` lists and `extended_paths` are both honoured. */
export function compileVersion(name: string, info: VersionInfo, apiId: string): VersionSpec {
  const extended = info.extended_paths;
  const legacy = (info['paths'] ?? {}) as {
    white_list?: string[];
    black_list?: string[];
    ignored?: string[];
  };
  const simple = (paths: string[] | undefined) => (paths ?? []).map((path) => pathRule(path));
  const enabled = <T extends { disabled: boolean }>(entries: readonly T[]) =>
    entries.filter((entry) => !entry.disabled);
  return {
    name,
    expiresAt: tykExpiry(info.expires),
    whiteList: [...listRules(extended.white_list), ...simple(legacy.white_list)],
    blackList: [...listRules(extended.black_list), ...simple(legacy.black_list)],
    ignored: [...listRules(extended.ignored), ...simple(legacy.ignored)],
    requestHeaders: enabled(extended.transform_headers).map((entry) => ({
      ...pathRule(entry.path, entry.method),
      add: entry.add_headers,
      remove: entry.delete_headers,
    })),
    responseHeaders: enabled(extended.transform_response_headers).map((entry) => ({
      ...pathRule(entry.path, entry.method),
      add: entry.add_headers,
      remove: entry.delete_headers,
    })),
    urlRewrites: compileUrlRewrites(extended.url_rewrites),
    methodTransforms: enabled(extended.method_transforms).map((entry) => ({
      ...pathRule(entry.path, entry.method),
      value: entry.to_method.toUpperCase(),
    })),
    hardTimeouts: enabled(extended.hard_timeouts).map((entry) => ({
      ...pathRule(entry.path, entry.method),
      value: entry.timeout * 1000,
    })),
    circuitBreakers: enabled(extended.circuit_breakers).map((entry) => ({
      ...pathRule(entry.path, entry.method),
      thresholdPercent: entry.threshold_percent,
      samples: entry.samples,
      returnToServiceAfterMs: entry.return_to_service_after * 1000,
    })),
    sizeLimits: enabled(extended.size_limits).map((entry) => ({
      ...pathRule(entry.path, entry.method),
      value: entry.size_limit,
    })),
    rateLimits: endpointRateLimits(apiId, extended.rate_limit),
    globalHeaders: info.global_headers,
    globalHeadersRemove: info.global_headers_remove,
    globalResponseHeaders: info.global_response_headers,
    globalResponseHeadersRemove: info.global_response_headers_remove,
    globalSizeLimit: info.global_size_limit,
    overrideTarget: info.override_target,
  };
}
