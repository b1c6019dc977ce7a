import { parseStreaming, STREAMING_FIELD, StreamSpec } from '@gatehouse/shared-streams';

/**
 * Maps a Tyk OAS API definition (an OpenAPI 3 document carrying `x-tyk-api-gateway`) onto the classic
 * definition Gatehouse serves, field by field as Tyk derives its own classic copy. Parts with no classic
 * equivalent here are reported as issues, so the definition is refused rather than half served.
 */
type Json = Record<string, unknown>;

export interface OasConversion {
  definition: Json;
  issues: { path: string; message: string }[];
  /** The document's `x-tyk-streaming` streams, validated and compiled (empty when it has none). */
  streams: StreamSpec[];
}

const X_TYK = 'x-tyk-api-gateway';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function object(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function enabled(value: unknown): boolean {
  return object(value)['enabled'] === true;
}

export function isTykOas(document: unknown): boolean {
  return X_TYK in object(document);
}

/** The API id of a Tyk OAS document (`x-tyk-api-gateway.info.id`). */
export function oasApiId(document: unknown): string {
  const id = object(object(object(document)[X_TYK])['info'])['id'];
  return typeof id === 'string' ? id : '';
}

/** Tyk OAS durations: "1s", "500ms", "2m", "1h". */
const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** A Go duration ("1m30s", "500ms") or a number of seconds, in seconds; 0 when unreadable. */
function seconds(duration: unknown): number {
  if (typeof duration === 'number') return duration;
  if (typeof duration !== 'string' || !/^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/.test(duration)) return 0;
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(amount) * DURATION_UNITS[unit];
  }
  return total;
}

function operations(document: Json): Map<string, { path: string; method: string }> {
  const byId = new Map<string, { path: string; method: string }>();
  for (const [path, item] of Object.entries(object(document['paths']))) {
    for (const method of METHODS) {
      const operationId = object(object(item)[method])['operationId'];
      if (typeof operationId === 'string') byId.set(operationId, { path, method: method.toUpperCase() });
    }
  }
  return byId;
}

function authentication(document: Json, server: Json, issues: OasConversion['issues']): Json {
  const auth = object(server['authentication']);
  if (!enabled(auth)) return { use_keyless: true };
  const schemes = object(object(document['components'])['securitySchemes']);
  // Every enabled scheme must pass (Tyk's chained auth); this names whose session the request runs as.
  const result: Json = {
    use_keyless: false,
    auth_configs: {},
    base_identity_provided_by: auth['baseIdentityProvider'] ?? '',
  };
  for (const [name, settings] of Object.entries(object(auth['securitySchemes']))) {
    if (!enabled(settings)) continue;
    const scheme = object(schemes[name]);
    const tyk = object(settings);
    if (scheme['type'] === 'apiKey') {
      const location = scheme['in'];
      result['use_standard_auth'] = true;
      (result['auth_configs'] as Json)['authToken'] = {
        auth_header_name: location === 'header' ? scheme['name'] : 'Authorization',
        disable_header: location !== 'header',
        use_param: location === 'query' || enabled(tyk['query']),
        param_name: location === 'query' ? scheme['name'] : object(tyk['query'])['name'],
        use_cookie: location === 'cookie' || enabled(tyk['cookie']),
        cookie_name: location === 'cookie' ? scheme['name'] : object(tyk['cookie'])['name'],
      };
    } else if (scheme['type'] === 'http' && scheme['scheme'] === 'basic') {
      result['use_basic_auth'] = true;
    } else if (
      scheme['type'] === 'http' &&
      scheme['scheme'] === 'bearer' &&
      scheme['bearerFormat'] === 'JWT'
    ) {
      Object.assign(result, {
        enable_jwt: true,
        jwt_source: tyk['source'] ?? '',
        jwt_signing_method: tyk['signingMethod'] ?? '',
        jwt_identity_base_field: tyk['identityBaseField'] ?? '',
        jwt_policy_field_name: tyk['policyFieldName'] ?? '',
        jwt_default_policies: tyk['defaultPolicies'] ?? [],
      });
    } else {
      issues.push({
        path: `${X_TYK}.server.authentication.securitySchemes.${name}`,
        message: 'this security scheme is not supported',
      });
    }
  }
  return result;
}

function extendedPaths(document: Json, middleware: Json): Json {
  const byId = operations(document);
  const paths: Record<string, Json[]> = {};
  const add = (kind: string, entry: Json) => (paths[kind] ??= []).push(entry);
  for (const [operationId, settings] of Object.entries(object(middleware['operations']))) {
    const operation = byId.get(operationId);
    if (!operation) continue;
    const at = { path: operation.path.replace(/\{([^}]+)\}/g, '{$1}'), method: operation.method };
    const s = object(settings);
    if (enabled(s['allow']))
      add('white_list', { ...at, method_actions: { [operation.method]: { action: 'no_action' } } });
    if (enabled(s['block']))
      add('black_list', { ...at, method_actions: { [operation.method]: { action: 'no_action' } } });
    if (enabled(s['ignoreAuthentication']))
      add('ignored', { ...at, method_actions: { [operation.method]: { action: 'no_action' } } });
    if (enabled(s['transformRequestMethod']))
      add('method_transforms', { ...at, to_method: object(s['transformRequestMethod'])['toMethod'] });
    if (enabled(s['enforceTimeout']))
      add('hard_timeouts', { ...at, timeout: object(s['enforceTimeout'])['value'] });
    if (enabled(s['requestSizeLimit']))
      add('size_limits', { ...at, size_limit: object(s['requestSizeLimit'])['value'] });
    if (enabled(s['urlRewrite'])) {
      const rewrite = object(s['urlRewrite']);
      add('url_rewrites', { ...at, match_pattern: rewrite['pattern'], rewrite_to: rewrite['rewriteTo'] });
    }
    if (enabled(s['mockResponse'])) add('mock_response', mockResponse(at, object(s['mockResponse'])));
    if (enabled(s['transformRequestBody']))
      add('transform', bodyTransform(at, object(s['transformRequestBody'])));
    if (enabled(s['transformResponseBody'])) {
      add('transform_response', bodyTransform(at, object(s['transformResponseBody'])));
    }
    const bodySchema = jsonBodySchema(document, operation);
    const parameters = operationParameters(document, operation);
    if (enabled(s['validateRequest']) && (bodySchema || parameters.length > 0)) {
      const code = object(s['validateRequest'])['errorResponseCode'];
      add('validate_json', {
        ...at,
        schema: bodySchema ?? null,
        error_response_code: code ?? 0,
        oas_request: true,
        schema_ref: typeof bodySchema?.['$ref'] === 'string' ? bodySchema['$ref'] : '',
        parameters,
      });
    }
    if (enabled(s['rateLimit'])) {
      const limit = object(s['rateLimit']);
      add('rate_limit', { ...at, rate: limit['rate'], per: Math.floor(seconds(limit['per'])) });
    }
    if (enabled(s['circuitBreaker'])) {
      const breaker = object(s['circuitBreaker']);
      add('circuit_breakers', {
        ...at,
        threshold_percent: breaker['threshold'],
        samples: breaker['sampleSize'],
        return_to_service_after: breaker['coolDownPeriod'],
      });
    }
  }
  // Classic path rules match by prefix and the first wins; OAS operations match whole paths, so the
  // deeper path goes first (`/people/{id}` before `/people`).
  for (const entries of Object.values(paths)) {
    entries.sort((a, b) => String(b['path']).split('/').length - String(a['path']).split('/').length);
  }
  return paths;
}

/** An OAS body transform as Tyk converts it: the session always available, a base64 body or a path. */
function bodyTransform(at: { path: string; method: string }, transform: Json): Json {
  const blob = typeof transform['body'] === 'string' && transform['body'] !== '';
  return {
    ...at,
    template_data: {
      input_type: transform['format'] ?? 'json',
      template_mode: blob ? 'blob' : 'file',
      enable_session: true,
      template_source: blob ? transform['body'] : (transform['path'] ?? ''),
    },
  };
}

/**
 * An operation's query, header and path parameters (path-item ones first, `#/components/parameters`
 * references followed), each with its schema and the document's components beside it.
 */
function operationParameters(document: Json, operation: { path: string; method: string }): Json[] {
  const item = object(object(document['paths'])[operation.path]);
  const components = object(document['components']);
  const listed = [
    ...((item['parameters'] as Json[] | undefined) ?? []),
    ...((object(item[operation.method.toLowerCase()])['parameters'] as Json[] | undefined) ?? []),
  ];
  return listed
    .map((parameter) => {
      const ref = object(parameter)['$ref'];
      return typeof ref === 'string'
        ? object(object(components['parameters'])[ref.split('/').pop() ?? ''])
        : object(parameter);
    })
    .filter((parameter) => ['query', 'header', 'path'].includes(String(parameter['in'])))
    .map((parameter) => ({
      name: String(parameter['name']),
      in: parameter['in'],
      required: parameter['required'] === true,
      schema: { ...object(parameter['schema']), components },
    }));
}

/** OAS middleware.global.cache as classic cache_options (Tyk fills a 60 s timeout when none is set). */
function cacheOptions(cache: Json): Json {
  return {
    enable_cache: true,
    cache_timeout: cache['timeout'] ?? 60,
    cache_all_safe_requests: cache['cacheAllSafeRequests'] === true,
    cache_response_codes: cache['cacheResponseCodes'] ?? [],
    cache_by_headers: cache['cacheByHeaders'] ?? [],
  };
}

/**
 * An operation's JSON request body schema, with the document's components beside it so that its
 * `#/components/...` references resolve. Parameters are not validated (see docs/gateway.md).
 */
function jsonBodySchema(document: Json, operation: { path: string; method: string }): Json | undefined {
  const item = object(object(document['paths'])[operation.path]);
  const body = object(object(item[operation.method.toLowerCase()])['requestBody']);
  const schema = object(object(object(body['content'])['application/json'])['schema']);
  if (Object.keys(schema).length === 0) return undefined;
  return { ...schema, components: document['components'] ?? {} };
}

/**
 * An OAS operation's mockResponse as a classic mock_response entry, marked `after_auth` (a Gatehouse
 * field): Tyk answers OAS mocks after authentication and limits, classic ones before.
 */
function mockResponse(at: { path: string; method: string }, mock: Json): Json {
  const headers: Record<string, string> = {};
  for (const header of (mock['headers'] as Json[] | undefined) ?? [])
    headers[String(header['name'])] = String(header['value']);
  return {
    ...at,
    code: mock['code'] ?? 0,
    body: mock['body'] ?? '',
    headers,
    after_auth: true,
    from_examples: enabled(mock['fromOASExamples']),
  };
}

function headerMap(transform: Json): { add: Record<string, string>; remove: string[] } {
  const add: Record<string, string> = {};
  for (const entry of (transform['add'] as Json[] | undefined) ?? [])
    add[String(entry['name'])] = String(entry['value']);
  return { add, remove: ((transform['remove'] as string[] | undefined) ?? []).map(String) };
}

export function oasToClassic(document: unknown): OasConversion {
  const doc = object(document);
  const tyk = object(doc[X_TYK]);
  const info = object(tyk['info']);
  const upstream = object(tyk['upstream']);
  const server = object(tyk['server']);
  const global = object(object(tyk['middleware'])['global']);
  const issues: OasConversion['issues'] = [];
  if (enabled(info['versioning'])) {
    issues.push({
      path: `${X_TYK}.info.versioning`,
      message: 'versioned Tyk OAS APIs are not supported yet',
    });
  }
  const balancing = object(upstream['loadBalancing']);
  const targets = enabled(balancing)
    ? ((balancing['targets'] as Json[] | undefined) ?? []).flatMap((target) =>
        Array.from({ length: Math.max(1, Number(target['weight'] ?? 1)) }, () => String(target['url'])),
      )
    : [];
  const rateLimit = object(upstream['rateLimit']);
  const listenPath = object(server['listenPath']);
  const ipControl = object(server['ipAccessControl']);
  const cors = object(global['cors']);
  const requestHeaders = headerMap(object(global['transformRequestHeaders']));
  const responseHeaders = headerMap(object(global['transformResponseHeaders']));
  const definition: Json = {
    api_id: info['id'],
    name: info['name'] ?? object(doc['info'])['title'] ?? '',
    org_id: info['orgId'] ?? '',
    active: object(info['state'])['active'] === true,
    is_oas: true,
    proxy: {
      listen_path: listenPath['value'] ?? '/',
      strip_listen_path: listenPath['strip'] === true,
      target_url: upstream['url'] ?? '',
      enable_load_balancing: targets.length > 0,
      target_list: targets,
    },
    domain: enabled(server['customDomain']) ? object(server['customDomain'])['name'] : '',
    tags: enabled(server['gatewayTags']) ? object(server['gatewayTags'])['tags'] : [],
    global_rate_limit: enabled(rateLimit)
      ? { rate: rateLimit['rate'], per: seconds(rateLimit['per']) }
      : undefined,
    enable_ip_whitelisting:
      enabled(ipControl) && ((ipControl['allow'] as unknown[] | undefined) ?? []).length > 0,
    allowed_ips: ipControl['allow'] ?? [],
    enable_ip_blacklisting:
      enabled(ipControl) && ((ipControl['block'] as unknown[] | undefined) ?? []).length > 0,
    blacklisted_ips: ipControl['block'] ?? [],
    CORS: enabled(cors)
      ? {
          enable: true,
          allowed_origins: cors['allowedOrigins'] ?? [],
          allowed_methods: cors['allowedMethods'] ?? [],
          allowed_headers: cors['allowedHeaders'] ?? [],
          exposed_headers: cors['exposedHeaders'] ?? [],
          allow_credentials: cors['allowCredentials'] === true,
          max_age: cors['maxAge'] ?? 0,
          options_passthrough: cors['optionsPassthrough'] === true,
        }
      : undefined,
    cache_options: enabled(global['cache']) ? cacheOptions(object(global['cache'])) : undefined,
    enable_context_vars: enabled(global['contextVariables']),
    version_data: {
      not_versioned: true,
      versions: {
        Default: {
          name: 'Default',
          use_extended_paths: true,
          extended_paths: extendedPaths(doc, object(tyk['middleware'])),
          global_headers: enabled(global['transformRequestHeaders']) ? requestHeaders.add : {},
          global_headers_remove: enabled(global['transformRequestHeaders']) ? requestHeaders.remove : [],
          global_response_headers: enabled(global['transformResponseHeaders']) ? responseHeaders.add : {},
          global_response_headers_remove: enabled(global['transformResponseHeaders'])
            ? responseHeaders.remove
            : [],
        },
      },
    },
    ...authentication(doc, server, issues),
  };
  return { definition, issues, streams: streamsOf(doc, issues) };
}

function streamsOf(document: Json, issues: OasConversion['issues']): StreamSpec[] {
  if (document[STREAMING_FIELD] === undefined) return [];
  const parsed = parseStreaming(document[STREAMING_FIELD]);
  if (parsed.ok) return parsed.streams;
  issues.push(...parsed.issues);
  return [];
}
