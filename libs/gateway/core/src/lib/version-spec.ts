import type { VersionInfo } from '@gatehouse/shared-tyk-compat';

import {
  BodyTransformRule,
  bodyTransforms,
  CacheRule,
  cacheRules,
  EndpointRateLimit,
  endpointRateLimits,
} from './endpoint-rules';
import { tykExpiry } from './expiry';
import { JsonValidationRule, jsonValidations } from './json-validation-rules';
import { PathRule, pathRule } from './path-rule';
import { compileUrlRewrites, RewriteRule } from './url-rewrite-rule';

export interface HeaderRule extends PathRule {
  add: Record<string, string>;
  remove: string[];
}

export interface ValueRule<T> extends PathRule {
  value: T;
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
  mockResponses: ListRule[];
  /** OAS mockResponse operations, answered after authentication and limits. */
  lateMockResponses: ListRule[];
  whiteList: ListRule[];
  blackList: ListRule[];
  ignored: ListRule[];
  requestHeaders: HeaderRule[];
  responseHeaders: HeaderRule[];
  urlRewrites: RewriteRule[];
  methodTransforms: ValueRule<string>[];
  hardTimeouts: ValueRule<number>[];
  circuitBreakers: CircuitBreakerRule[];
  sizeLimits: ValueRule<number>[];
  rateLimits: EndpointRateLimit[];
  jsonValidations: JsonValidationRule[];
  cacheRules: CacheRule[];
  requestTransforms: BodyTransformRule[];
  responseTransforms: BodyTransformRule[];
  globalHeaders: Record<string, string>;
  globalHeadersRemove: string[];
  globalResponseHeaders: Record<string, string>;
  globalResponseHeadersRemove: string[];
  globalSizeLimit: number;
  overrideTarget: string;
}

/** A canned answer the gateway gives itself (Tyk's mock replies). */
export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * An entry of a path list, per method. `reply` answers with a canned response whatever the list;
 * `forbid` refuses (Tyk answers any action other than `no_action` and `reply` so).
 */
export interface ListRule extends PathRule {
  reply?: Reply;
  forbid?: boolean;
}

interface PathEntry {
  path: string;
  method: string;
  disabled: boolean;
  ignore_case?: boolean;
  method_actions?: Record<
    string,
    { action: string; code: number; data: string; headers: Record<string, string> }
  >;
}

/** Tyk list entries name their methods either in `method` or as keys of `method_actions`. */
function listRules(entries: readonly PathEntry[]): ListRule[] {
  return entries
    .filter((entry) => !entry.disabled)
    .flatMap((entry): ListRule[] => {
      if (entry.method) return [pathRule(entry.path, entry.method, entry.ignore_case)];
      const actions = Object.entries(entry.method_actions ?? {});
      if (actions.length === 0) return [pathRule(entry.path, '', entry.ignore_case)];
      return actions.map(([method, meta]) => {
        const rule: ListRule = pathRule(entry.path, method, entry.ignore_case);
        if (meta.action === 'reply')
          rule.reply = { status: meta.code, body: meta.data, headers: meta.headers };
        else if (meta.action !== 'no_action' && meta.action !== '') rule.forbid = true;
        return rule;
      });
    });
}

/** Tyk's `mock_response` entries: an exact method, and a status (200 when none is set). */
function mockRules(entries: VersionInfo['extended_paths']['mock_response'], afterAuth: boolean): ListRule[] {
  const chosen = entries.filter(
    (entry) => !entry.disabled && entry.method !== '' && entry.after_auth === afterAuth,
  );
  const fromExamples = chosen.findIndex((entry) => entry.from_examples);
  if (fromExamples !== -1) {
    throw new Error(
      `mock_response ${chosen[fromExamples].path}: mocks built from OAS examples are not supported`,
    );
  }
  return chosen.map((entry) => ({
    ...pathRule(entry.path, entry.method),
    reply: { status: entry.code || 200, body: entry.body, headers: entry.headers },
  }));
}

/**
 * One frozen empty list shared by every version: most of a version's twenty rule lists are empty, and
 * at 10,000 APIs giving each its own is 200,000 objects for the collector to walk on every reload.
 */
const NONE = Object.freeze([]) as unknown as never[];

function sharingEmptyLists(version: VersionSpec): VersionSpec {
  const fields = version as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (Array.isArray(value) && value.length === 0) fields[key] = NONE;
  }
  return version;
}

/** Compiles one version's paths. Legacy `paths` lists and `extended_paths` are both honoured. */
export function compileVersion(name: string, info: VersionInfo, apiId: string): VersionSpec {
  return sharingEmptyLists(buildVersion(name, info, apiId));
}

function buildVersion(name: string, info: VersionInfo, apiId: string): VersionSpec {
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
    mockResponses: mockRules(extended.mock_response, false),
    lateMockResponses: mockRules(extended.mock_response, true),
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
    jsonValidations: jsonValidations(extended.validate_json),
    cacheRules: cacheRules(extended),
    requestTransforms: bodyTransforms(extended.transform, 'transform'),
    responseTransforms: bodyTransforms(extended.transform_response, 'transform_response'),
    globalHeaders: info.global_headers,
    globalHeadersRemove: info.global_headers_remove,
    globalResponseHeaders: info.global_response_headers,
    globalResponseHeadersRemove: info.global_response_headers_remove,
    globalSizeLimit: info.global_size_limit,
    overrideTarget: info.override_target,
  };
}
