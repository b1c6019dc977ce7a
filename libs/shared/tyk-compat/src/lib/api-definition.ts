import { z } from 'zod';

import { goBool, goMap, goNumber, goSlice, goString } from './go-json';

/** Where and how a key is read from the request (Tyk `AuthConfig`). */
export const authConfigSchema = z.looseObject({
  name: goString,
  use_param: goBool,
  param_name: goString,
  use_cookie: goBool,
  cookie_name: goString,
  disable_header: goBool,
  auth_header_name: goString,
});
export type AuthConfig = z.output<typeof authConfigSchema>;

const pathEntry = { path: z.string(), method: goString, disabled: goBool };

/** Tyk's EndpointMethodMeta: `reply` answers with `code`, `data` and `headers`; `no_action` applies the list. */
const methodActionSchema = z.looseObject({
  action: goString,
  code: goNumber,
  data: goString,
  headers: goMap(z.string()),
});

const listEntrySchema = z.looseObject({
  ...pathEntry,
  ignore_case: goBool,
  method_actions: goMap(methodActionSchema),
});

/** Tyk's TemplateMeta: `template_source` is the base64 of the template in `blob` mode. */
const bodyTransformSchema = z.looseObject({
  ...pathEntry,
  template_data: z
    .looseObject({
      input_type: goString,
      template_mode: goString,
      enable_session: goBool,
      template_source: goString,
    })
    .nullish()
    .transform(
      (value) => value ?? { input_type: '', template_mode: '', enable_session: false, template_source: '' },
    ),
});

/** Tyk's StringRegexMap: a pattern, or with `reverse` its absence. */
const stringRegexSchema = z.looseObject({ match_rx: goString, reverse: goBool });

/** Tyk's RoutingTrigger: when its options match, the URL rewrite uses its own `rewrite_to`. */
const rewriteTriggerSchema = z.looseObject({
  on: goString,
  rewrite_to: goString,
  options: z
    .looseObject({
      header_matches: goMap(stringRegexSchema),
      query_val_matches: goMap(stringRegexSchema),
      path_part_matches: goMap(stringRegexSchema),
      session_meta_matches: goMap(stringRegexSchema),
      request_context_matches: goMap(stringRegexSchema),
      payload_matches: stringRegexSchema.nullish(),
    })
    .nullish()
    .transform(
      (value) =>
        value ?? {
          header_matches: {},
          query_val_matches: {},
          path_part_matches: {},
          session_meta_matches: {},
          request_context_matches: {},
        },
    ),
});
export type RewriteTrigger = z.output<typeof rewriteTriggerSchema>;

const extendedPathsObjectSchema = z.looseObject({
  ignored: goSlice(listEntrySchema),
  white_list: goSlice(listEntrySchema),
  black_list: goSlice(listEntrySchema),
  /** Tyk's mock responses: answered by the gateway before authentication, never proxied. */
  mock_response: goSlice(
    z.looseObject({
      ...pathEntry,
      code: goNumber,
      body: goString,
      headers: goMap(z.string()),
      /** Set for an OAS operation's mockResponse, which Tyk answers after authentication and limits. */
      after_auth: goBool,
      /** An OAS mock built from the document's examples, which Gatehouse does not serve. */
      from_examples: goBool,
    }),
  ),
  transform_headers: goSlice(
    z.looseObject({ ...pathEntry, delete_headers: goSlice(z.string()), add_headers: goMap(z.string()) }),
  ),
  transform_response_headers: goSlice(
    z.looseObject({ ...pathEntry, delete_headers: goSlice(z.string()), add_headers: goMap(z.string()) }),
  ),
  url_rewrites: goSlice(
    z.looseObject({
      ...pathEntry,
      match_pattern: z.string(),
      rewrite_to: z.string(),
      triggers: goSlice(rewriteTriggerSchema),
    }),
  ),
  method_transforms: goSlice(z.looseObject({ ...pathEntry, to_method: z.string() })),
  hard_timeouts: goSlice(z.looseObject({ ...pathEntry, timeout: z.number().min(0) })),
  circuit_breakers: goSlice(
    z.looseObject({
      ...pathEntry,
      threshold_percent: z.number().min(0).max(1),
      samples: z.number().int().min(1),
      return_to_service_after: z.number().min(0),
    }),
  ),
  size_limits: goSlice(z.looseObject({ ...pathEntry, size_limit: z.number().int().min(0) })),
  /** Tyk's body transforms: a Go template over the JSON body, of the request or of the response. */
  transform: goSlice(bodyTransformSchema),
  transform_response: goSlice(bodyTransformSchema),
  /** Paths whose safe-method answers are cached (Tyk's `cache`), when the API enables caching. */
  cache: goSlice(z.string()),
  /** Per-endpoint cache settings: method (or SAFE_METHODS), codes, timeout, a body key pattern. */
  advance_cache_config: goSlice(
    z.looseObject({
      ...pathEntry,
      cache_response_codes: goSlice(z.number().int()),
      timeout: goNumber,
      cache_key_regex: goString,
    }),
  ),
  /** Tyk's JSON Schema (draft-04) check of request bodies; `error_response_code` 0 means 422. */
  validate_json: goSlice(
    z.looseObject({
      ...pathEntry,
      schema: z.unknown(),
      schema_b64: goString,
      error_response_code: goNumber,
      /** Set for an OAS operation's validateRequest: Tyk words its failures as kin-openapi does. */
      oas_request: goBool,
      /** The `$ref` an OAS request body schema names, which kin-openapi's messages quote. */
      schema_ref: goString,
      /** An OAS operation's query, header and path parameters, checked before its body. */
      parameters: goSlice(
        z.looseObject({
          name: z.string(),
          in: z.enum(['query', 'header', 'path']),
          required: goBool,
          schema: z.unknown(),
        }),
      ),
    }),
  ),
  /** Tyk's per-endpoint limit: one bucket for the endpoint, shared by every caller. */
  rate_limit: goSlice(z.looseObject({ ...pathEntry, rate: z.number().min(0), per: z.number().min(0) })),
});

export const extendedPathsSchema = extendedPathsObjectSchema
  .nullish()
  .transform((value) => value ?? extendedPathsObjectSchema.parse({}));
export type ExtendedPaths = z.output<typeof extendedPathsSchema>;

export const versionInfoSchema = z.looseObject({
  name: goString,
  /** "2006-01-02 15:04" in Tyk; empty means never. */
  expires: goString,
  use_extended_paths: goBool,
  extended_paths: extendedPathsSchema,
  global_headers: goMap(z.string()),
  global_headers_remove: goSlice(z.string()),
  global_response_headers: goMap(z.string()),
  global_response_headers_remove: goSlice(z.string()),
  global_size_limit: goNumber,
  override_target: goString,
});
export type VersionInfo = z.output<typeof versionInfoSchema>;

export const corsSchema = z
  .looseObject({
    enable: goBool,
    allowed_origins: goSlice(z.string()),
    allowed_methods: goSlice(z.string()),
    allowed_headers: goSlice(z.string()),
    exposed_headers: goSlice(z.string()),
    allow_credentials: goBool,
    max_age: goNumber,
    options_passthrough: goBool,
  })
  .nullish();

/**
 * A Tyk classic API definition. Every field Gatehouse acts on is validated; all others are kept, so a
 * definition read from Tyk and written back is unchanged.
 */
export const apiDefinitionSchema = z.looseObject({
  api_id: z.string().min(1, 'api_id is required').max(256),
  name: goString,
  slug: goString,
  org_id: goString,
  /** Go's zero value: a definition without `"active": true` is stored but not served, as in Tyk. */
  active: goBool,
  use_keyless: goBool,
  use_standard_auth: goBool,
  use_basic_auth: goBool,
  enable_jwt: goBool,
  enable_signature_checking: goBool,
  /** Tyk's OAuth 2.0 server: the API issues access tokens (`/oauth/token`) and accepts them as keys. */
  use_oauth2: goBool,
  /** Grant types the token endpoint accepts; none listed refuses every grant, as in Tyk (osin). */
  oauth_meta: z.looseObject({ allowed_access_types: goSlice(z.string()) }).nullish(),
  /** Which enabled authentication method's session a request runs as; '' = the last in the chain. */
  base_identity_provided_by: goString,
  auth: authConfigSchema.nullish(),
  auth_configs: goMap(authConfigSchema),
  proxy: z.looseObject({
    listen_path: z.string().min(1, 'proxy.listen_path is required'),
    target_url: goString,
    strip_listen_path: goBool,
    preserve_host_header: goBool,
    enable_load_balancing: goBool,
    target_list: goSlice(z.string()),
  }),
  domain: goString,
  definition: z
    .looseObject({
      location: z.enum(['header', 'url-param', 'url', '']).nullish(),
      key: goString,
      strip_path: goBool,
      strip_versioning_data: goBool,
      url_versioning_pattern: goString,
      fallback_to_default: goBool,
    })
    .nullish(),
  enable_context_vars: goBool,
  /** Tyk's response cache; nothing is cached unless `enable_cache` is set. */
  cache_options: z
    .looseObject({
      enable_cache: goBool,
      cache_timeout: goNumber,
      cache_all_safe_requests: goBool,
      cache_response_codes: goSlice(z.number().int()),
      cache_by_headers: goSlice(z.string()),
    })
    .nullish(),
  /** Tyk's API-level expiry ("2006-01-02 15:04", UTC), checked for unversioned APIs. */
  expiration: goString,
  version_data: z
    .looseObject({
      not_versioned: goBool,
      default_version: goString,
      versions: goMap(versionInfoSchema),
    })
    .nullish(),
  disable_rate_limit: goBool,
  disable_quota: goBool,
  global_rate_limit: z.looseObject({ rate: goNumber, per: goNumber, disabled: goBool }).nullish(),
  enable_ip_whitelisting: goBool,
  allowed_ips: goSlice(z.string()),
  enable_ip_blacklisting: goBool,
  blacklisted_ips: goSlice(z.string()),
  /** Client certificates required (checked before authentication), allowed by SHA-256 fingerprint. */
  use_mutual_tls_auth: goBool,
  client_certificates: goSlice(z.string()),
  CORS: corsSchema,
  tags: goSlice(z.string()),
  do_not_track: goBool,
  enable_detailed_recording: goBool,
  strip_auth_data: goBool,
  /** Gatehouse addition: accept `%2F`, `%5C` and raw `\` in paths (refused with 400 by default). */
  allow_encoded_slashes: goBool,
  hmac_allowed_clock_skew: goNumber,
  hmac_allowed_algorithms: goSlice(z.string()),
  jwt_signing_method: goString,
  jwt_source: goString,
  jwt_identity_base_field: goString,
  jwt_policy_field_name: goString,
  jwt_default_policies: goSlice(z.string()),
  jwt_expires_at_validation_skew: goNumber,
  jwt_not_before_validation_skew: goNumber,
  jwt_issued_at_validation_skew: goNumber,
  jwt_jwks_uris: goSlice(z.looseObject({ url: z.string(), cache_timeout: goNumber })),
  jwt_scope_to_policy_mapping: goMap(z.string()),
  jwt_scope_claim_name: goString,
});
export type ApiDefinition = z.output<typeof apiDefinitionSchema>;

/** The auth token settings Tyk uses: `auth_configs.authToken`, else the legacy `auth`, else defaults. */
export function authTokenConfig(definition: ApiDefinition): AuthConfig {
  const configured = definition.auth_configs['authToken'] ?? definition.auth;
  return {
    name: 'authToken',
    use_param: configured?.use_param ?? false,
    param_name: configured?.param_name ?? '',
    use_cookie: configured?.use_cookie ?? false,
    cookie_name: configured?.cookie_name ?? '',
    disable_header: configured?.disable_header ?? false,
    auth_header_name: configured?.auth_header_name || 'Authorization',
  };
}
