/** How a Tyk OAS operation's middleware (x-tyk-api-gateway.middleware.operations) becomes classic extended paths. */
import { enabled, Json, METHODS, object, seconds } from './oas-json';

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

export function extendedPaths(document: Json, middleware: Json): Json {
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
export function cacheOptions(cache: Json): Json {
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
