import { createHash } from 'node:crypto';

import { compileLinearRegex, LinearRegex } from '@gatehouse/shared-kernel';
import type { VersionInfo } from '@gatehouse/shared-tyk-compat';

import { GoTemplate } from './go-template/go-template';
import { PathRule, pathRule } from './path-rule';

/** Tyk's per-endpoint rate limit: one bucket per endpoint of the API, shared by every caller. */
export interface EndpointRateLimit extends PathRule {
  rate: number;
  per: number;
  /** The bucket's name: the API and a digest of the endpoint's method and path. */
  scope: string;
}

/** A cached endpoint: its own timeout and codes (0 and [] defer to the API's), an optional body key. */
export interface CacheRule extends PathRule {
  timeoutSeconds: number;
  codes: number[];
  bodyKey?: LinearRegex;
}

/** Tyk's body transform: a Go template over the JSON body (with the session's meta data when asked). */
export interface BodyTransformRule extends PathRule {
  template: GoTemplate;
  withSession: boolean;
}

/**
 * Tyk enforces an endpoint limit only with a method (an empty one never matches), a period and a
 * rate; each gets a bucket of its own.
 */
export function endpointRateLimits(apiId: string, entries: VersionInfo['extended_paths']['rate_limit']) {
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

/**
 * Body transforms with a method (an empty one never matches in Tyk), templates parsed now. Tyk drops a
 * broken entry with a log line; here the definition is refused naming it. XML input and `file`
 * templates (a path on the gateway's disk) are not served.
 */
export function bodyTransforms(
  entries: VersionInfo['extended_paths']['transform'],
  field: string,
): BodyTransformRule[] {
  return entries
    .filter((entry) => !entry.disabled && entry.method !== '')
    .map((entry) => {
      const data = entry.template_data;
      if (data.input_type === 'xml') throw new Error(`${field} ${entry.path}: XML input is not supported`);
      if (data.template_mode !== 'blob') {
        throw new Error(`${field} ${entry.path}: template_mode must be "blob" (a base64 template)`);
      }
      let template: GoTemplate;
      try {
        template = new GoTemplate(Buffer.from(data.template_source, 'base64').toString('utf8'));
      } catch (error) {
        throw new Error(`${field} ${entry.path}: ${(error as Error).message}`);
      }
      return { ...pathRule(entry.path, entry.method), template, withSession: data.enable_session };
    });
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** Tyk's `cache` paths (safe methods) and `advance_cache_config` entries (SAFE_METHODS or one method). */
export function cacheRules(extended: VersionInfo['extended_paths']): CacheRule[] {
  const simple = extended.cache.flatMap((path) =>
    SAFE_METHODS.map((method) => ({ ...pathRule(path, method), timeoutSeconds: 0, codes: [] })),
  );
  const advanced = extended.advance_cache_config
    .filter((entry) => !entry.disabled && entry.method !== '')
    .flatMap((entry) =>
      (entry.method === 'SAFE_METHODS' ? SAFE_METHODS : [entry.method]).map((method) => ({
        ...pathRule(entry.path, method),
        timeoutSeconds: entry.timeout,
        codes: entry.cache_response_codes,
        bodyKey: entry.cache_key_regex ? compileLinearRegex(entry.cache_key_regex) : undefined,
      })),
    );
  return [...advanced, ...simple];
}
