import { createHash } from 'node:crypto';

import { compileLinearRegex, LinearRegex } from '@gatehouse/shared-kernel';
import type { VersionInfo } from '@gatehouse/shared-tyk-compat';

import { GoTemplate } from './go-template/go-template';
import { compileJsonValidator, JsonValidator } from './json-validation';
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

/** Tyk's validate_json entry: the body must be JSON satisfying the schema. */
export interface JsonValidationRule extends PathRule {
  /** The body's schema; absent for an OAS operation that only has parameters to check. */
  validate?: JsonValidator;
  parameters: ParameterRule[];
  /** For an OAS operation with path parameters: its path with one capture group per `{name}`. */
  pathParameters?: { names: string[]; pattern: LinearRegex };
  /** Tyk's error_response_code, 422 when unset. */
  errorStatus: number;
  /** Set for an OAS operation's validateRequest, whose every failure Tyk words after this prefix. */
  oasPrefix?: string;
  /** The `$ref` of an OAS body schema, quoted in kin-openapi's "doesn't match schema" line. */
  schemaRef: string;
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

/**
 * Body transforms with a method (an empty one never matches in Tyk), templates parsed now. Tyk drops a
 * broken entry with a log line; here the definition is refused naming it. XML input and `file`
 * templates (a path on the gateway's disk) are not served.
 */
function bodyTransforms(
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
function cacheRules(extended: VersionInfo['extended_paths']): CacheRule[] {
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

/** An OAS operation parameter checked as Tyk's validateRequest does (kin-openapi). */
export interface ParameterRule {
  name: string;
  in: 'query' | 'header' | 'path';
  required: boolean;
  /** The schema's type, which the raw text must read as first. */
  type: string;
  validate: JsonValidator;
}

function parameterRules(parameters: VersionInfo['extended_paths']['validate_json'][number]['parameters']) {
  return parameters.map((parameter): ParameterRule => {
    const schema = (parameter.schema ?? {}) as Record<string, unknown>;
    return {
      name: parameter.name,
      in: parameter.in,
      required: parameter.required,
      type: typeof schema['type'] === 'string' ? schema['type'] : 'string',
      validate: compileJsonValidator(schema, 'kin-openapi'),
    };
  });
}

/** `/orders/{id}` as `^/orders/([^/]+)/?$` with its parameter names, to read the values a path holds. */
function pathParameterPattern(path: string): { names: string[]; pattern: LinearRegex } {
  const names: string[] = [];
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  return { names, pattern: compileLinearRegex(`^${source}/?$`) };
}

/** validate_json entries with a method (an empty one never matches in Tyk), schemas compiled now. */
function jsonValidations(entries: VersionInfo['extended_paths']['validate_json']): JsonValidationRule[] {
  return entries
    .filter((entry) => !entry.disabled && entry.method !== '')
    .map((entry) => {
      const schema =
        entry.schema ??
        (entry.schema_b64 ? JSON.parse(Buffer.from(entry.schema_b64, 'base64').toString('utf8')) : undefined);
      const hasSchema = schema !== undefined && schema !== null && typeof schema === 'object';
      if (!hasSchema && !entry.oas_request) {
        throw new Error(`validate_json ${entry.path}: a JSON schema object is required`);
      }
      return {
        ...pathRule(entry.path, entry.method),
        validate: hasSchema
          ? compileJsonValidator(schema, entry.oas_request ? 'kin-openapi' : 'gojsonschema')
          : undefined,
        errorStatus: entry.error_response_code || 422,
        oasPrefix: entry.oas_request ? 'request validation error: ' : undefined,
        schemaRef: entry.schema_ref,
        parameters: parameterRules(entry.parameters),
        pathParameters: entry.parameters.some((parameter) => parameter.in === 'path')
          ? pathParameterPattern(entry.path)
          : undefined,
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
