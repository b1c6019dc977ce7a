import { parseStreaming, STREAMING_FIELD, StreamSpec } from '@gatehouse/shared-streams';

import { enabled, Json, object, seconds } from './oas-json';
import { cacheOptions, extendedPaths } from './oas-operations';

/**
 * Maps a Tyk OAS API definition (an OpenAPI 3 document carrying `x-tyk-api-gateway`) onto the classic
 * definition Gatehouse serves, field by field as Tyk derives its own classic copy. Parts with no classic
 * equivalent here are reported as issues, so the definition is refused rather than half served.
 */

export interface OasConversion {
  definition: Json;
  issues: { path: string; message: string }[];
  /** The document's `x-tyk-streaming` streams, validated and compiled (empty when it has none). */
  streams: StreamSpec[];
}

const X_TYK = 'x-tyk-api-gateway';

export function isTykOas(document: unknown): boolean {
  return X_TYK in object(document);
}

/** The API id of a Tyk OAS document (`x-tyk-api-gateway.info.id`). */
export function oasApiId(document: unknown): string {
  const id = object(object(object(document)[X_TYK])['info'])['id'];
  return typeof id === 'string' ? id : '';
}

/** Tyk OAS durations: "1s", "500ms", "2m", "1h". */
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
    use_mutual_tls_auth: enabled(server['clientCertificates']),
    client_certificates: enabled(server['clientCertificates'])
      ? (object(server['clientCertificates'])['allowlist'] ?? [])
      : [],
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
