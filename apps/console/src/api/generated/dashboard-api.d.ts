// Generated from docs/openapi/dashboard.json by apps/console/generate-client.mjs; do not edit.
export interface paths {
  '/api/v1/analytics/breakdown': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Analytics.breakdown'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Analytics.requests'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Apis.list'];
    put?: never;
    post: operations['Apis.create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Apis.get'];
    put: operations['Apis.replace'];
    post?: never;
    delete: operations['Apis.delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis/{id}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Apis.export'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['Apis.import'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Audit.list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/accept-invitation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['Sessions.accept'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['Sessions.login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['Sessions.logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/changes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Changes.list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/gateway-groups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['GatewayGroups.list'];
    put?: never;
    post: operations['GatewayGroups.create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/gateway-groups/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['GatewayGroups.get'];
    put: operations['GatewayGroups.update'];
    post?: never;
    delete: operations['GatewayGroups.delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/gateway-groups/{id}/node-tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['GatewayGroups.nodeTokens'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/gateway-groups/{id}/node-tokens/{tokenId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete: operations['GatewayGroups.revokeNodeToken'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/gateway-groups/{id}/nodes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['GatewayGroups.nodes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/gateway-groups/{id}/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['GatewayGroups.mintToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Keys.list'];
    put?: never;
    post: operations['Keys.create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/keys/{hash}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Keys.get'];
    put: operations['Keys.update'];
    post?: never;
    delete: operations['Keys.revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/keys/{hash}/reset-quota': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['Keys.resetQuota'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/keys/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['Keys.import'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Me.me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Me.tokens'];
    put?: never;
    post: operations['Me.createToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/tokens/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete: operations['Me.revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['Orgs.create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/policies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Policies.list'];
    put?: never;
    post: operations['Policies.create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/policies/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Policies.get'];
    put: operations['Policies.replace'];
    post?: never;
    delete: operations['Policies.delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/policies/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['Policies.import'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Users.list'];
    put?: never;
    post: operations['Users.invite'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['Users.get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['Users.update'];
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AccessRights: {
      [key: string]: {
        api_id?: string | null;
        api_name?: string | null;
        versions?: string[] | null;
      } & {
        [key: string]: unknown;
      };
    };
    ApiDocument: {
      active?: boolean | null;
      api_id?: string | null;
      domain?: string | null;
      info?: {
        title?: string | null;
      } & {
        [key: string]: unknown;
      };
      name?: string | null;
      openapi?: string;
      org_id?: string | null;
      proxy?:
        | ({
            listen_path?: string | null;
            strip_listen_path?: boolean | null;
            target_url?: string | null;
          } & {
            [key: string]: unknown;
          })
        | null;
      tags?: string[] | null;
      'x-tyk-api-gateway'?: {
        [key: string]: unknown;
      };
    } & {
      [key: string]: unknown;
    };
    ApiListItem: {
      deleted: boolean;
      document: components['schemas']['ApiDocument'];
      fields: {
        active: boolean;
        domain: string;
        listenPath: string;
        tags: string[];
      };
      id: string;
      orgId: string;
      regions: components['schemas']['ApiRegion'][];
      rev: number;
      updatedAt: components['schemas']['DateTime'];
    };
    ApiRecord: {
      deleted: boolean;
      document: components['schemas']['ApiDocument'];
      fields: {
        active: boolean;
        domain: string;
        listenPath: string;
        tags: string[];
      };
      id: string;
      orgId: string;
      rev: number;
      updatedAt: components['schemas']['DateTime'];
    };
    ApiRegion: {
      id: string;
      name: string;
      region: string;
    };
    ApiscreateBody: {
      active?: boolean | null;
      allow_encoded_slashes?: boolean | null;
      allowed_ips?: string[] | null;
      api_id: string;
      auth?:
        | ({
            auth_header_name?: string | null;
            cookie_name?: string | null;
            disable_header?: boolean | null;
            name?: string | null;
            param_name?: string | null;
            use_cookie?: boolean | null;
            use_param?: boolean | null;
          } & {
            [key: string]: unknown;
          })
        | null;
      auth_configs?: {
        [key: string]: {
          auth_header_name?: string | null;
          cookie_name?: string | null;
          disable_header?: boolean | null;
          name?: string | null;
          param_name?: string | null;
          use_cookie?: boolean | null;
          use_param?: boolean | null;
        } & {
          [key: string]: unknown;
        };
      } | null;
      base_identity_provided_by?: string | null;
      blacklisted_ips?: string[] | null;
      cache_options?:
        | ({
            cache_all_safe_requests?: boolean | null;
            cache_by_headers?: string[] | null;
            cache_response_codes?: number[] | null;
            cache_timeout?: number | null;
            enable_cache?: boolean | null;
          } & {
            [key: string]: unknown;
          })
        | null;
      client_certificates?: string[] | null;
      CORS?:
        | ({
            allow_credentials?: boolean | null;
            allowed_headers?: string[] | null;
            allowed_methods?: string[] | null;
            allowed_origins?: string[] | null;
            enable?: boolean | null;
            exposed_headers?: string[] | null;
            max_age?: number | null;
            options_passthrough?: boolean | null;
          } & {
            [key: string]: unknown;
          })
        | null;
      definition?:
        | ({
            fallback_to_default?: boolean | null;
            key?: string | null;
            location?: ('header' | 'url-param' | 'url' | '') | null;
            strip_path?: boolean | null;
            strip_versioning_data?: boolean | null;
            url_versioning_pattern?: string | null;
          } & {
            [key: string]: unknown;
          })
        | null;
      disable_quota?: boolean | null;
      disable_rate_limit?: boolean | null;
      do_not_track?: boolean | null;
      domain?: string | null;
      enable_context_vars?: boolean | null;
      enable_detailed_recording?: boolean | null;
      enable_ip_blacklisting?: boolean | null;
      enable_ip_whitelisting?: boolean | null;
      enable_jwt?: boolean | null;
      enable_signature_checking?: boolean | null;
      expiration?: string | null;
      global_rate_limit?:
        | ({
            disabled?: boolean | null;
            per?: number | null;
            rate?: number | null;
          } & {
            [key: string]: unknown;
          })
        | null;
      hmac_allowed_algorithms?: string[] | null;
      hmac_allowed_clock_skew?: number | null;
      jwt_default_policies?: string[] | null;
      jwt_expires_at_validation_skew?: number | null;
      jwt_identity_base_field?: string | null;
      jwt_issued_at_validation_skew?: number | null;
      jwt_jwks_uris?:
        | ({
            cache_timeout?: number | null;
            url: string;
          } & {
            [key: string]: unknown;
          })[]
        | null;
      jwt_not_before_validation_skew?: number | null;
      jwt_policy_field_name?: string | null;
      jwt_scope_claim_name?: string | null;
      jwt_scope_to_policy_mapping?: {
        [key: string]: string;
      } | null;
      jwt_signing_method?: string | null;
      jwt_source?: string | null;
      name?: string | null;
      oauth_meta?:
        | ({
            allowed_access_types?: string[] | null;
          } & {
            [key: string]: unknown;
          })
        | null;
      org_id?: string | null;
      proxy: {
        enable_load_balancing?: boolean | null;
        listen_path: string;
        preserve_host_header?: boolean | null;
        strip_listen_path?: boolean | null;
        target_list?: string[] | null;
        target_url?: string | null;
      } & {
        [key: string]: unknown;
      };
      slug?: string | null;
      strip_auth_data?: boolean | null;
      tags?: string[] | null;
      use_basic_auth?: boolean | null;
      use_keyless?: boolean | null;
      use_mutual_tls_auth?: boolean | null;
      use_oauth2?: boolean | null;
      use_standard_auth?: boolean | null;
      version_data?:
        | ({
            default_version?: string | null;
            not_versioned?: boolean | null;
            versions?: {
              [key: string]: {
                expires?: string | null;
                extended_paths?:
                  | ({
                      advance_cache_config?:
                        | ({
                            cache_key_regex?: string | null;
                            cache_response_codes?: number[] | null;
                            disabled?: boolean | null;
                            method?: string | null;
                            path: string;
                            timeout?: number | null;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      black_list?:
                        | ({
                            disabled?: boolean | null;
                            ignore_case?: boolean | null;
                            method?: string | null;
                            method_actions?: {
                              [key: string]: {
                                action?: string | null;
                                code?: number | null;
                                data?: string | null;
                                headers?: {
                                  [key: string]: string;
                                } | null;
                              } & {
                                [key: string]: unknown;
                              };
                            } | null;
                            path: string;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      cache?: string[] | null;
                      circuit_breakers?:
                        | ({
                            disabled?: boolean | null;
                            method?: string | null;
                            path: string;
                            return_to_service_after: number;
                            samples: number;
                            threshold_percent: number;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      hard_timeouts?:
                        | ({
                            disabled?: boolean | null;
                            method?: string | null;
                            path: string;
                            timeout: number;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      ignored?:
                        | ({
                            disabled?: boolean | null;
                            ignore_case?: boolean | null;
                            method?: string | null;
                            method_actions?: {
                              [key: string]: {
                                action?: string | null;
                                code?: number | null;
                                data?: string | null;
                                headers?: {
                                  [key: string]: string;
                                } | null;
                              } & {
                                [key: string]: unknown;
                              };
                            } | null;
                            path: string;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      method_transforms?:
                        | ({
                            disabled?: boolean | null;
                            method?: string | null;
                            path: string;
                            to_method: string;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      mock_response?:
                        | ({
                            after_auth?: boolean | null;
                            body?: string | null;
                            code?: number | null;
                            disabled?: boolean | null;
                            from_examples?: boolean | null;
                            headers?: {
                              [key: string]: string;
                            } | null;
                            method?: string | null;
                            path: string;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      rate_limit?:
                        | ({
                            disabled?: boolean | null;
                            method?: string | null;
                            path: string;
                            per: number;
                            rate: number;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      size_limits?:
                        | ({
                            disabled?: boolean | null;
                            method?: string | null;
                            path: string;
                            size_limit: number;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      transform?:
                        | ({
                            disabled?: boolean | null;
                            method?: string | null;
                            path: string;
                            template_data?:
                              | ({
                                  enable_session?: boolean | null;
                                  input_type?: string | null;
                                  template_mode?: string | null;
                                  template_source?: string | null;
                                } & {
                                  [key: string]: unknown;
                                })
                              | null;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      transform_headers?:
                        | ({
                            add_headers?: {
                              [key: string]: string;
                            } | null;
                            delete_headers?: string[] | null;
                            disabled?: boolean | null;
                            method?: string | null;
                            path: string;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      transform_response?:
                        | ({
                            disabled?: boolean | null;
                            method?: string | null;
                            path: string;
                            template_data?:
                              | ({
                                  enable_session?: boolean | null;
                                  input_type?: string | null;
                                  template_mode?: string | null;
                                  template_source?: string | null;
                                } & {
                                  [key: string]: unknown;
                                })
                              | null;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      transform_response_headers?:
                        | ({
                            add_headers?: {
                              [key: string]: string;
                            } | null;
                            delete_headers?: string[] | null;
                            disabled?: boolean | null;
                            method?: string | null;
                            path: string;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      url_rewrites?:
                        | ({
                            disabled?: boolean | null;
                            match_pattern: string;
                            method?: string | null;
                            path: string;
                            rewrite_to: string;
                            triggers?:
                              | ({
                                  on?: string | null;
                                  options?:
                                    | ({
                                        header_matches?: {
                                          [key: string]: {
                                            match_rx?: string | null;
                                            reverse?: boolean | null;
                                          } & {
                                            [key: string]: unknown;
                                          };
                                        } | null;
                                        path_part_matches?: {
                                          [key: string]: {
                                            match_rx?: string | null;
                                            reverse?: boolean | null;
                                          } & {
                                            [key: string]: unknown;
                                          };
                                        } | null;
                                        payload_matches?:
                                          | ({
                                              match_rx?: string | null;
                                              reverse?: boolean | null;
                                            } & {
                                              [key: string]: unknown;
                                            })
                                          | null;
                                        query_val_matches?: {
                                          [key: string]: {
                                            match_rx?: string | null;
                                            reverse?: boolean | null;
                                          } & {
                                            [key: string]: unknown;
                                          };
                                        } | null;
                                        request_context_matches?: {
                                          [key: string]: {
                                            match_rx?: string | null;
                                            reverse?: boolean | null;
                                          } & {
                                            [key: string]: unknown;
                                          };
                                        } | null;
                                        session_meta_matches?: {
                                          [key: string]: {
                                            match_rx?: string | null;
                                            reverse?: boolean | null;
                                          } & {
                                            [key: string]: unknown;
                                          };
                                        } | null;
                                      } & {
                                        [key: string]: unknown;
                                      })
                                    | null;
                                  rewrite_to?: string | null;
                                } & {
                                  [key: string]: unknown;
                                })[]
                              | null;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      validate_json?:
                        | ({
                            disabled?: boolean | null;
                            error_response_code?: number | null;
                            method?: string | null;
                            oas_request?: boolean | null;
                            parameters?:
                              | ({
                                  /** @enum {string} */
                                  in: 'query' | 'header' | 'path';
                                  name: string;
                                  required?: boolean | null;
                                  schema: unknown;
                                } & {
                                  [key: string]: unknown;
                                })[]
                              | null;
                            path: string;
                            schema: unknown;
                            schema_b64?: string | null;
                            schema_ref?: string | null;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                      white_list?:
                        | ({
                            disabled?: boolean | null;
                            ignore_case?: boolean | null;
                            method?: string | null;
                            method_actions?: {
                              [key: string]: {
                                action?: string | null;
                                code?: number | null;
                                data?: string | null;
                                headers?: {
                                  [key: string]: string;
                                } | null;
                              } & {
                                [key: string]: unknown;
                              };
                            } | null;
                            path: string;
                          } & {
                            [key: string]: unknown;
                          })[]
                        | null;
                    } & {
                      [key: string]: unknown;
                    })
                  | null;
                global_headers?: {
                  [key: string]: string;
                } | null;
                global_headers_remove?: string[] | null;
                global_response_headers?: {
                  [key: string]: string;
                } | null;
                global_response_headers_remove?: string[] | null;
                global_size_limit?: number | null;
                name?: string | null;
                override_target?: string | null;
                use_extended_paths?: boolean | null;
              } & {
                [key: string]: unknown;
              };
            } | null;
          } & {
            [key: string]: unknown;
          })
        | null;
    } & {
      [key: string]: unknown;
    };
    ApisimportBody:
      | ({
          active?: boolean | null;
          allow_encoded_slashes?: boolean | null;
          allowed_ips?: string[] | null;
          api_id: string;
          auth?:
            | ({
                auth_header_name?: string | null;
                cookie_name?: string | null;
                disable_header?: boolean | null;
                name?: string | null;
                param_name?: string | null;
                use_cookie?: boolean | null;
                use_param?: boolean | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          auth_configs?: {
            [key: string]: {
              auth_header_name?: string | null;
              cookie_name?: string | null;
              disable_header?: boolean | null;
              name?: string | null;
              param_name?: string | null;
              use_cookie?: boolean | null;
              use_param?: boolean | null;
            } & {
              [key: string]: unknown;
            };
          } | null;
          base_identity_provided_by?: string | null;
          blacklisted_ips?: string[] | null;
          cache_options?:
            | ({
                cache_all_safe_requests?: boolean | null;
                cache_by_headers?: string[] | null;
                cache_response_codes?: number[] | null;
                cache_timeout?: number | null;
                enable_cache?: boolean | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          client_certificates?: string[] | null;
          CORS?:
            | ({
                allow_credentials?: boolean | null;
                allowed_headers?: string[] | null;
                allowed_methods?: string[] | null;
                allowed_origins?: string[] | null;
                enable?: boolean | null;
                exposed_headers?: string[] | null;
                max_age?: number | null;
                options_passthrough?: boolean | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          definition?:
            | ({
                fallback_to_default?: boolean | null;
                key?: string | null;
                location?: ('header' | 'url-param' | 'url' | '') | null;
                strip_path?: boolean | null;
                strip_versioning_data?: boolean | null;
                url_versioning_pattern?: string | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          disable_quota?: boolean | null;
          disable_rate_limit?: boolean | null;
          do_not_track?: boolean | null;
          domain?: string | null;
          enable_context_vars?: boolean | null;
          enable_detailed_recording?: boolean | null;
          enable_ip_blacklisting?: boolean | null;
          enable_ip_whitelisting?: boolean | null;
          enable_jwt?: boolean | null;
          enable_signature_checking?: boolean | null;
          expiration?: string | null;
          global_rate_limit?:
            | ({
                disabled?: boolean | null;
                per?: number | null;
                rate?: number | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          hmac_allowed_algorithms?: string[] | null;
          hmac_allowed_clock_skew?: number | null;
          jwt_default_policies?: string[] | null;
          jwt_expires_at_validation_skew?: number | null;
          jwt_identity_base_field?: string | null;
          jwt_issued_at_validation_skew?: number | null;
          jwt_jwks_uris?:
            | ({
                cache_timeout?: number | null;
                url: string;
              } & {
                [key: string]: unknown;
              })[]
            | null;
          jwt_not_before_validation_skew?: number | null;
          jwt_policy_field_name?: string | null;
          jwt_scope_claim_name?: string | null;
          jwt_scope_to_policy_mapping?: {
            [key: string]: string;
          } | null;
          jwt_signing_method?: string | null;
          jwt_source?: string | null;
          name?: string | null;
          oauth_meta?:
            | ({
                allowed_access_types?: string[] | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          org_id?: string | null;
          proxy: {
            enable_load_balancing?: boolean | null;
            listen_path: string;
            preserve_host_header?: boolean | null;
            strip_listen_path?: boolean | null;
            target_list?: string[] | null;
            target_url?: string | null;
          } & {
            [key: string]: unknown;
          };
          slug?: string | null;
          strip_auth_data?: boolean | null;
          tags?: string[] | null;
          use_basic_auth?: boolean | null;
          use_keyless?: boolean | null;
          use_mutual_tls_auth?: boolean | null;
          use_oauth2?: boolean | null;
          use_standard_auth?: boolean | null;
          version_data?:
            | ({
                default_version?: string | null;
                not_versioned?: boolean | null;
                versions?: {
                  [key: string]: {
                    expires?: string | null;
                    extended_paths?:
                      | ({
                          advance_cache_config?:
                            | ({
                                cache_key_regex?: string | null;
                                cache_response_codes?: number[] | null;
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                timeout?: number | null;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          black_list?:
                            | ({
                                disabled?: boolean | null;
                                ignore_case?: boolean | null;
                                method?: string | null;
                                method_actions?: {
                                  [key: string]: {
                                    action?: string | null;
                                    code?: number | null;
                                    data?: string | null;
                                    headers?: {
                                      [key: string]: string;
                                    } | null;
                                  } & {
                                    [key: string]: unknown;
                                  };
                                } | null;
                                path: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          cache?: string[] | null;
                          circuit_breakers?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                return_to_service_after: number;
                                samples: number;
                                threshold_percent: number;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          hard_timeouts?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                timeout: number;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          ignored?:
                            | ({
                                disabled?: boolean | null;
                                ignore_case?: boolean | null;
                                method?: string | null;
                                method_actions?: {
                                  [key: string]: {
                                    action?: string | null;
                                    code?: number | null;
                                    data?: string | null;
                                    headers?: {
                                      [key: string]: string;
                                    } | null;
                                  } & {
                                    [key: string]: unknown;
                                  };
                                } | null;
                                path: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          method_transforms?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                to_method: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          mock_response?:
                            | ({
                                after_auth?: boolean | null;
                                body?: string | null;
                                code?: number | null;
                                disabled?: boolean | null;
                                from_examples?: boolean | null;
                                headers?: {
                                  [key: string]: string;
                                } | null;
                                method?: string | null;
                                path: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          rate_limit?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                per: number;
                                rate: number;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          size_limits?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                size_limit: number;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          transform?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                template_data?:
                                  | ({
                                      enable_session?: boolean | null;
                                      input_type?: string | null;
                                      template_mode?: string | null;
                                      template_source?: string | null;
                                    } & {
                                      [key: string]: unknown;
                                    })
                                  | null;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          transform_headers?:
                            | ({
                                add_headers?: {
                                  [key: string]: string;
                                } | null;
                                delete_headers?: string[] | null;
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          transform_response?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                template_data?:
                                  | ({
                                      enable_session?: boolean | null;
                                      input_type?: string | null;
                                      template_mode?: string | null;
                                      template_source?: string | null;
                                    } & {
                                      [key: string]: unknown;
                                    })
                                  | null;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          transform_response_headers?:
                            | ({
                                add_headers?: {
                                  [key: string]: string;
                                } | null;
                                delete_headers?: string[] | null;
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          url_rewrites?:
                            | ({
                                disabled?: boolean | null;
                                match_pattern: string;
                                method?: string | null;
                                path: string;
                                rewrite_to: string;
                                triggers?:
                                  | ({
                                      on?: string | null;
                                      options?:
                                        | ({
                                            header_matches?: {
                                              [key: string]: {
                                                match_rx?: string | null;
                                                reverse?: boolean | null;
                                              } & {
                                                [key: string]: unknown;
                                              };
                                            } | null;
                                            path_part_matches?: {
                                              [key: string]: {
                                                match_rx?: string | null;
                                                reverse?: boolean | null;
                                              } & {
                                                [key: string]: unknown;
                                              };
                                            } | null;
                                            payload_matches?:
                                              | ({
                                                  match_rx?: string | null;
                                                  reverse?: boolean | null;
                                                } & {
                                                  [key: string]: unknown;
                                                })
                                              | null;
                                            query_val_matches?: {
                                              [key: string]: {
                                                match_rx?: string | null;
                                                reverse?: boolean | null;
                                              } & {
                                                [key: string]: unknown;
                                              };
                                            } | null;
                                            request_context_matches?: {
                                              [key: string]: {
                                                match_rx?: string | null;
                                                reverse?: boolean | null;
                                              } & {
                                                [key: string]: unknown;
                                              };
                                            } | null;
                                            session_meta_matches?: {
                                              [key: string]: {
                                                match_rx?: string | null;
                                                reverse?: boolean | null;
                                              } & {
                                                [key: string]: unknown;
                                              };
                                            } | null;
                                          } & {
                                            [key: string]: unknown;
                                          })
                                        | null;
                                      rewrite_to?: string | null;
                                    } & {
                                      [key: string]: unknown;
                                    })[]
                                  | null;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          validate_json?:
                            | ({
                                disabled?: boolean | null;
                                error_response_code?: number | null;
                                method?: string | null;
                                oas_request?: boolean | null;
                                parameters?:
                                  | ({
                                      /** @enum {string} */
                                      in: 'query' | 'header' | 'path';
                                      name: string;
                                      required?: boolean | null;
                                      schema: unknown;
                                    } & {
                                      [key: string]: unknown;
                                    })[]
                                  | null;
                                path: string;
                                schema: unknown;
                                schema_b64?: string | null;
                                schema_ref?: string | null;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          white_list?:
                            | ({
                                disabled?: boolean | null;
                                ignore_case?: boolean | null;
                                method?: string | null;
                                method_actions?: {
                                  [key: string]: {
                                    action?: string | null;
                                    code?: number | null;
                                    data?: string | null;
                                    headers?: {
                                      [key: string]: string;
                                    } | null;
                                  } & {
                                    [key: string]: unknown;
                                  };
                                } | null;
                                path: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                        } & {
                          [key: string]: unknown;
                        })
                      | null;
                    global_headers?: {
                      [key: string]: string;
                    } | null;
                    global_headers_remove?: string[] | null;
                    global_response_headers?: {
                      [key: string]: string;
                    } | null;
                    global_response_headers_remove?: string[] | null;
                    global_size_limit?: number | null;
                    name?: string | null;
                    override_target?: string | null;
                    use_extended_paths?: boolean | null;
                  } & {
                    [key: string]: unknown;
                  };
                } | null;
              } & {
                [key: string]: unknown;
              })
            | null;
        } & {
          [key: string]: unknown;
        })
      | ({
          active?: boolean | null;
          allow_encoded_slashes?: boolean | null;
          allowed_ips?: string[] | null;
          api_id: string;
          auth?:
            | ({
                auth_header_name?: string | null;
                cookie_name?: string | null;
                disable_header?: boolean | null;
                name?: string | null;
                param_name?: string | null;
                use_cookie?: boolean | null;
                use_param?: boolean | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          auth_configs?: {
            [key: string]: {
              auth_header_name?: string | null;
              cookie_name?: string | null;
              disable_header?: boolean | null;
              name?: string | null;
              param_name?: string | null;
              use_cookie?: boolean | null;
              use_param?: boolean | null;
            } & {
              [key: string]: unknown;
            };
          } | null;
          base_identity_provided_by?: string | null;
          blacklisted_ips?: string[] | null;
          cache_options?:
            | ({
                cache_all_safe_requests?: boolean | null;
                cache_by_headers?: string[] | null;
                cache_response_codes?: number[] | null;
                cache_timeout?: number | null;
                enable_cache?: boolean | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          client_certificates?: string[] | null;
          CORS?:
            | ({
                allow_credentials?: boolean | null;
                allowed_headers?: string[] | null;
                allowed_methods?: string[] | null;
                allowed_origins?: string[] | null;
                enable?: boolean | null;
                exposed_headers?: string[] | null;
                max_age?: number | null;
                options_passthrough?: boolean | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          definition?:
            | ({
                fallback_to_default?: boolean | null;
                key?: string | null;
                location?: ('header' | 'url-param' | 'url' | '') | null;
                strip_path?: boolean | null;
                strip_versioning_data?: boolean | null;
                url_versioning_pattern?: string | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          disable_quota?: boolean | null;
          disable_rate_limit?: boolean | null;
          do_not_track?: boolean | null;
          domain?: string | null;
          enable_context_vars?: boolean | null;
          enable_detailed_recording?: boolean | null;
          enable_ip_blacklisting?: boolean | null;
          enable_ip_whitelisting?: boolean | null;
          enable_jwt?: boolean | null;
          enable_signature_checking?: boolean | null;
          expiration?: string | null;
          global_rate_limit?:
            | ({
                disabled?: boolean | null;
                per?: number | null;
                rate?: number | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          hmac_allowed_algorithms?: string[] | null;
          hmac_allowed_clock_skew?: number | null;
          jwt_default_policies?: string[] | null;
          jwt_expires_at_validation_skew?: number | null;
          jwt_identity_base_field?: string | null;
          jwt_issued_at_validation_skew?: number | null;
          jwt_jwks_uris?:
            | ({
                cache_timeout?: number | null;
                url: string;
              } & {
                [key: string]: unknown;
              })[]
            | null;
          jwt_not_before_validation_skew?: number | null;
          jwt_policy_field_name?: string | null;
          jwt_scope_claim_name?: string | null;
          jwt_scope_to_policy_mapping?: {
            [key: string]: string;
          } | null;
          jwt_signing_method?: string | null;
          jwt_source?: string | null;
          name?: string | null;
          oauth_meta?:
            | ({
                allowed_access_types?: string[] | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          org_id?: string | null;
          proxy: {
            enable_load_balancing?: boolean | null;
            listen_path: string;
            preserve_host_header?: boolean | null;
            strip_listen_path?: boolean | null;
            target_list?: string[] | null;
            target_url?: string | null;
          } & {
            [key: string]: unknown;
          };
          slug?: string | null;
          strip_auth_data?: boolean | null;
          tags?: string[] | null;
          use_basic_auth?: boolean | null;
          use_keyless?: boolean | null;
          use_mutual_tls_auth?: boolean | null;
          use_oauth2?: boolean | null;
          use_standard_auth?: boolean | null;
          version_data?:
            | ({
                default_version?: string | null;
                not_versioned?: boolean | null;
                versions?: {
                  [key: string]: {
                    expires?: string | null;
                    extended_paths?:
                      | ({
                          advance_cache_config?:
                            | ({
                                cache_key_regex?: string | null;
                                cache_response_codes?: number[] | null;
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                timeout?: number | null;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          black_list?:
                            | ({
                                disabled?: boolean | null;
                                ignore_case?: boolean | null;
                                method?: string | null;
                                method_actions?: {
                                  [key: string]: {
                                    action?: string | null;
                                    code?: number | null;
                                    data?: string | null;
                                    headers?: {
                                      [key: string]: string;
                                    } | null;
                                  } & {
                                    [key: string]: unknown;
                                  };
                                } | null;
                                path: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          cache?: string[] | null;
                          circuit_breakers?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                return_to_service_after: number;
                                samples: number;
                                threshold_percent: number;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          hard_timeouts?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                timeout: number;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          ignored?:
                            | ({
                                disabled?: boolean | null;
                                ignore_case?: boolean | null;
                                method?: string | null;
                                method_actions?: {
                                  [key: string]: {
                                    action?: string | null;
                                    code?: number | null;
                                    data?: string | null;
                                    headers?: {
                                      [key: string]: string;
                                    } | null;
                                  } & {
                                    [key: string]: unknown;
                                  };
                                } | null;
                                path: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          method_transforms?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                to_method: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          mock_response?:
                            | ({
                                after_auth?: boolean | null;
                                body?: string | null;
                                code?: number | null;
                                disabled?: boolean | null;
                                from_examples?: boolean | null;
                                headers?: {
                                  [key: string]: string;
                                } | null;
                                method?: string | null;
                                path: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          rate_limit?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                per: number;
                                rate: number;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          size_limits?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                size_limit: number;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          transform?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                template_data?:
                                  | ({
                                      enable_session?: boolean | null;
                                      input_type?: string | null;
                                      template_mode?: string | null;
                                      template_source?: string | null;
                                    } & {
                                      [key: string]: unknown;
                                    })
                                  | null;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          transform_headers?:
                            | ({
                                add_headers?: {
                                  [key: string]: string;
                                } | null;
                                delete_headers?: string[] | null;
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          transform_response?:
                            | ({
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                                template_data?:
                                  | ({
                                      enable_session?: boolean | null;
                                      input_type?: string | null;
                                      template_mode?: string | null;
                                      template_source?: string | null;
                                    } & {
                                      [key: string]: unknown;
                                    })
                                  | null;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          transform_response_headers?:
                            | ({
                                add_headers?: {
                                  [key: string]: string;
                                } | null;
                                delete_headers?: string[] | null;
                                disabled?: boolean | null;
                                method?: string | null;
                                path: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          url_rewrites?:
                            | ({
                                disabled?: boolean | null;
                                match_pattern: string;
                                method?: string | null;
                                path: string;
                                rewrite_to: string;
                                triggers?:
                                  | ({
                                      on?: string | null;
                                      options?:
                                        | ({
                                            header_matches?: {
                                              [key: string]: {
                                                match_rx?: string | null;
                                                reverse?: boolean | null;
                                              } & {
                                                [key: string]: unknown;
                                              };
                                            } | null;
                                            path_part_matches?: {
                                              [key: string]: {
                                                match_rx?: string | null;
                                                reverse?: boolean | null;
                                              } & {
                                                [key: string]: unknown;
                                              };
                                            } | null;
                                            payload_matches?:
                                              | ({
                                                  match_rx?: string | null;
                                                  reverse?: boolean | null;
                                                } & {
                                                  [key: string]: unknown;
                                                })
                                              | null;
                                            query_val_matches?: {
                                              [key: string]: {
                                                match_rx?: string | null;
                                                reverse?: boolean | null;
                                              } & {
                                                [key: string]: unknown;
                                              };
                                            } | null;
                                            request_context_matches?: {
                                              [key: string]: {
                                                match_rx?: string | null;
                                                reverse?: boolean | null;
                                              } & {
                                                [key: string]: unknown;
                                              };
                                            } | null;
                                            session_meta_matches?: {
                                              [key: string]: {
                                                match_rx?: string | null;
                                                reverse?: boolean | null;
                                              } & {
                                                [key: string]: unknown;
                                              };
                                            } | null;
                                          } & {
                                            [key: string]: unknown;
                                          })
                                        | null;
                                      rewrite_to?: string | null;
                                    } & {
                                      [key: string]: unknown;
                                    })[]
                                  | null;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          validate_json?:
                            | ({
                                disabled?: boolean | null;
                                error_response_code?: number | null;
                                method?: string | null;
                                oas_request?: boolean | null;
                                parameters?:
                                  | ({
                                      /** @enum {string} */
                                      in: 'query' | 'header' | 'path';
                                      name: string;
                                      required?: boolean | null;
                                      schema: unknown;
                                    } & {
                                      [key: string]: unknown;
                                    })[]
                                  | null;
                                path: string;
                                schema: unknown;
                                schema_b64?: string | null;
                                schema_ref?: string | null;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                          white_list?:
                            | ({
                                disabled?: boolean | null;
                                ignore_case?: boolean | null;
                                method?: string | null;
                                method_actions?: {
                                  [key: string]: {
                                    action?: string | null;
                                    code?: number | null;
                                    data?: string | null;
                                    headers?: {
                                      [key: string]: string;
                                    } | null;
                                  } & {
                                    [key: string]: unknown;
                                  };
                                } | null;
                                path: string;
                              } & {
                                [key: string]: unknown;
                              })[]
                            | null;
                        } & {
                          [key: string]: unknown;
                        })
                      | null;
                    global_headers?: {
                      [key: string]: string;
                    } | null;
                    global_headers_remove?: string[] | null;
                    global_response_headers?: {
                      [key: string]: string;
                    } | null;
                    global_response_headers_remove?: string[] | null;
                    global_size_limit?: number | null;
                    name?: string | null;
                    override_target?: string | null;
                    use_extended_paths?: boolean | null;
                  } & {
                    [key: string]: unknown;
                  };
                } | null;
              } & {
                [key: string]: unknown;
              })
            | null;
        } & {
          [key: string]: unknown;
        })[];
    AuditEntry: {
      action: string;
      actor: {
        email: string;
        userId: string;
      };
      after: unknown;
      at: components['schemas']['DateTime'];
      before: unknown;
      orgId: string;
      requestId: string;
      resource: string;
      resourceId: string;
    };
    Change: {
      deleted: boolean;
      id: string;
      /** @enum {string} */
      kind: 'api' | 'policy' | 'key';
      rev: number;
    };
    CreatedKey: {
      key: string;
      key_hash: string;
      ref: string;
      session: components['schemas']['SessionDocument'];
    };
    /** Format: date-time */
    DateTime: string;
    GatewayGroup: {
      groupId: string;
      name: string;
      orgId: string;
      region: string;
      tags: string[];
    };
    GatewayGroupscreateBody: {
      groupId: string;
      name: string;
      region: string;
      /** @default [] */
      tags: string[];
    };
    GatewayGroupsupdateBody: {
      groupId?: string;
      name: string;
      region: string;
      /** @default [] */
      tags: string[];
    };
    GatewayNode: {
      connectedAt: components['schemas']['DateTime'];
      expectedChecksum: string;
      groupId: string;
      inSync: boolean;
      lastSeenAt: components['schemas']['DateTime'];
      nodeId: string;
      orgId: string;
      status?: {
        appliedRev: number;
        configChecksum: string;
        emergency: boolean;
        requestsTotal: number;
        streams?: {
          apiId: string;
          consumers: number;
          lastError?: string;
          lastErrorAt?: components['schemas']['DateTime'];
          /** @enum {string} */
          state: 'running' | 'failing' | 'stopped';
          stream: string;
        }[];
      };
      tags: string[];
      tokenId?: string;
      version: string;
    };
    IssuedToken: {
      expiresAt: components['schemas']['DateTime'] | null;
      id: string;
      name: string;
      token: string;
    };
    KeyscreateBody: {
      access_rights?: {
        [key: string]: {
          allowance_scope?: string | null;
          allowed_urls?:
            | ({
                methods?: string[] | null;
                url: string;
              } & {
                [key: string]: unknown;
              })[]
            | null;
          api_id?: string | null;
          api_name?: string | null;
          limit?:
            | ({
                max_query_depth?: number | null;
                per?: number | null;
                quota_max?: number | null;
                quota_remaining?: number | null;
                quota_renewal_rate?: number | null;
                quota_renews?: number | null;
                rate?: number | null;
                throttle_interval?: number | null;
                throttle_retry_limit?: number | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          versions?: string[] | null;
        } & {
          [key: string]: unknown;
        };
      } | null;
      alias?: string | null;
      allowance?: number | null;
      apply_policies?: string[] | null;
      apply_policy_id?: string | null;
      basic_auth_data?:
        | ({
            hash_type?: string | null;
            password?: string | null;
          } & {
            [key: string]: unknown;
          })
        | null;
      date_created?: string | null;
      enable_detailed_recording?: boolean | null;
      expires?: number | null;
      hmac_enabled?: boolean | null;
      hmac_string?: string | null;
      is_inactive?: boolean | null;
      jwt_data?:
        | ({
            secret?: string | null;
          } & {
            [key: string]: unknown;
          })
        | null;
      last_check?: number | null;
      last_updated?: string | null;
      max_query_depth?: number | null;
      meta_data?: {
        [key: string]: unknown;
      } | null;
      oauth_client_id?: string | null;
      org_id?: string | null;
      per?: number | null;
      quota_max?: number | null;
      quota_remaining?: number | null;
      quota_renewal_rate?: number | null;
      quota_renews?: number | null;
      rate?: number | null;
      tags?: string[] | null;
      throttle_interval?: number | null;
      throttle_retry_limit?: number | null;
    } & {
      [key: string]: unknown;
    };
    KeysimportBody: {
      key?: string;
      key_hash?: string;
      session: {
        [key: string]: unknown;
      };
    }[];
    KeyView: {
      deleted: boolean;
      document: components['schemas']['SessionDocument'];
      fields: {
        alias: string;
        apiIds: string[];
        expires: number;
        inactive: boolean;
        policyIds: string[];
        ref?: string;
        requestId?: string;
      };
      id: string;
      orgId: string;
      ref: string;
      rev: number;
      updatedAt: components['schemas']['DateTime'];
    };
    Me: {
      email: string;
      orgId: string;
      permissions: string[];
      /** @enum {string} */
      role: 'owner' | 'admin' | 'api-editor' | 'key-manager' | 'analyst' | 'viewer';
      sessionExpiresAt?: components['schemas']['DateTime'];
      /** @enum {string} */
      tokenKind: 'session' | 'api';
      userId: string;
    };
    MecreateTokenBody: {
      expiresInDays?: number;
      name: string;
    };
    NodeTokenInfo: {
      createdAt: components['schemas']['DateTime'];
      groupId: string;
      id: string;
      revokedAt: components['schemas']['DateTime'] | null;
    };
    OrgscreateBody: {
      name: string;
      owner: {
        /** Format: email */
        email: string;
        name: string;
        password: string;
      };
      slug: string;
    };
    PoliciescreateBody: {
      _id?: string | null;
      access_rights?: {
        [key: string]: {
          allowance_scope?: string | null;
          allowed_urls?:
            | ({
                methods?: string[] | null;
                url: string;
              } & {
                [key: string]: unknown;
              })[]
            | null;
          api_id?: string | null;
          api_name?: string | null;
          limit?:
            | ({
                max_query_depth?: number | null;
                per?: number | null;
                quota_max?: number | null;
                quota_remaining?: number | null;
                quota_renewal_rate?: number | null;
                quota_renews?: number | null;
                rate?: number | null;
                throttle_interval?: number | null;
                throttle_retry_limit?: number | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          versions?: string[] | null;
        } & {
          [key: string]: unknown;
        };
      } | null;
      active?: boolean | null;
      hmac_enabled?: boolean | null;
      id?: string | null;
      is_inactive?: boolean | null;
      key_expires_in?: number | null;
      last_updated?: string | null;
      max_query_depth?: number | null;
      meta_data?: {
        [key: string]: unknown;
      } | null;
      name?: string | null;
      org_id?: string | null;
      partitions?:
        | ({
            acl?: boolean | null;
            complexity?: boolean | null;
            per_api?: boolean | null;
            quota?: boolean | null;
            rate_limit?: boolean | null;
          } & {
            [key: string]: unknown;
          })
        | null;
      per?: number | null;
      quota_max?: number | null;
      quota_renewal_rate?: number | null;
      rate?: number | null;
      tags?: string[] | null;
      throttle_interval?: number | null;
      throttle_retry_limit?: number | null;
    } & {
      [key: string]: unknown;
    };
    PoliciesimportBody:
      | ({
          _id?: string | null;
          access_rights?: {
            [key: string]: {
              allowance_scope?: string | null;
              allowed_urls?:
                | ({
                    methods?: string[] | null;
                    url: string;
                  } & {
                    [key: string]: unknown;
                  })[]
                | null;
              api_id?: string | null;
              api_name?: string | null;
              limit?:
                | ({
                    max_query_depth?: number | null;
                    per?: number | null;
                    quota_max?: number | null;
                    quota_remaining?: number | null;
                    quota_renewal_rate?: number | null;
                    quota_renews?: number | null;
                    rate?: number | null;
                    throttle_interval?: number | null;
                    throttle_retry_limit?: number | null;
                  } & {
                    [key: string]: unknown;
                  })
                | null;
              versions?: string[] | null;
            } & {
              [key: string]: unknown;
            };
          } | null;
          active?: boolean | null;
          hmac_enabled?: boolean | null;
          id?: string | null;
          is_inactive?: boolean | null;
          key_expires_in?: number | null;
          last_updated?: string | null;
          max_query_depth?: number | null;
          meta_data?: {
            [key: string]: unknown;
          } | null;
          name?: string | null;
          org_id?: string | null;
          partitions?:
            | ({
                acl?: boolean | null;
                complexity?: boolean | null;
                per_api?: boolean | null;
                quota?: boolean | null;
                rate_limit?: boolean | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          per?: number | null;
          quota_max?: number | null;
          quota_renewal_rate?: number | null;
          rate?: number | null;
          tags?: string[] | null;
          throttle_interval?: number | null;
          throttle_retry_limit?: number | null;
        } & {
          [key: string]: unknown;
        })
      | ({
          _id?: string | null;
          access_rights?: {
            [key: string]: {
              allowance_scope?: string | null;
              allowed_urls?:
                | ({
                    methods?: string[] | null;
                    url: string;
                  } & {
                    [key: string]: unknown;
                  })[]
                | null;
              api_id?: string | null;
              api_name?: string | null;
              limit?:
                | ({
                    max_query_depth?: number | null;
                    per?: number | null;
                    quota_max?: number | null;
                    quota_remaining?: number | null;
                    quota_renewal_rate?: number | null;
                    quota_renews?: number | null;
                    rate?: number | null;
                    throttle_interval?: number | null;
                    throttle_retry_limit?: number | null;
                  } & {
                    [key: string]: unknown;
                  })
                | null;
              versions?: string[] | null;
            } & {
              [key: string]: unknown;
            };
          } | null;
          active?: boolean | null;
          hmac_enabled?: boolean | null;
          id?: string | null;
          is_inactive?: boolean | null;
          key_expires_in?: number | null;
          last_updated?: string | null;
          max_query_depth?: number | null;
          meta_data?: {
            [key: string]: unknown;
          } | null;
          name?: string | null;
          org_id?: string | null;
          partitions?:
            | ({
                acl?: boolean | null;
                complexity?: boolean | null;
                per_api?: boolean | null;
                quota?: boolean | null;
                rate_limit?: boolean | null;
              } & {
                [key: string]: unknown;
              })
            | null;
          per?: number | null;
          quota_max?: number | null;
          quota_renewal_rate?: number | null;
          rate?: number | null;
          tags?: string[] | null;
          throttle_interval?: number | null;
          throttle_retry_limit?: number | null;
        } & {
          [key: string]: unknown;
        })[]
      | {
          [key: string]: {
            _id?: string | null;
            access_rights?: {
              [key: string]: {
                allowance_scope?: string | null;
                allowed_urls?:
                  | ({
                      methods?: string[] | null;
                      url: string;
                    } & {
                      [key: string]: unknown;
                    })[]
                  | null;
                api_id?: string | null;
                api_name?: string | null;
                limit?:
                  | ({
                      max_query_depth?: number | null;
                      per?: number | null;
                      quota_max?: number | null;
                      quota_remaining?: number | null;
                      quota_renewal_rate?: number | null;
                      quota_renews?: number | null;
                      rate?: number | null;
                      throttle_interval?: number | null;
                      throttle_retry_limit?: number | null;
                    } & {
                      [key: string]: unknown;
                    })
                  | null;
                versions?: string[] | null;
              } & {
                [key: string]: unknown;
              };
            } | null;
            active?: boolean | null;
            hmac_enabled?: boolean | null;
            id?: string | null;
            is_inactive?: boolean | null;
            key_expires_in?: number | null;
            last_updated?: string | null;
            max_query_depth?: number | null;
            meta_data?: {
              [key: string]: unknown;
            } | null;
            name?: string | null;
            org_id?: string | null;
            partitions?:
              | ({
                  acl?: boolean | null;
                  complexity?: boolean | null;
                  per_api?: boolean | null;
                  quota?: boolean | null;
                  rate_limit?: boolean | null;
                } & {
                  [key: string]: unknown;
                })
              | null;
            per?: number | null;
            quota_max?: number | null;
            quota_renewal_rate?: number | null;
            rate?: number | null;
            tags?: string[] | null;
            throttle_interval?: number | null;
            throttle_retry_limit?: number | null;
          } & {
            [key: string]: unknown;
          };
        };
    PolicyDocument: {
      access_rights?: components['schemas']['AccessRights'] | null;
      active?: boolean | null;
      id: string;
      is_inactive?: boolean | null;
      key_expires_in?: number | null;
      name?: string | null;
      org_id: string;
      per?: number | null;
      quota_max?: number | null;
      quota_renewal_rate?: number | null;
      rate?: number | null;
      tags?: string[] | null;
      throttle_interval?: number | null;
      throttle_retry_limit?: number | null;
    } & {
      [key: string]: unknown;
    };
    PolicyRecord: {
      deleted: boolean;
      document: components['schemas']['PolicyDocument'];
      fields: {
        active: boolean;
        name: string;
        tags: string[];
      };
      id: string;
      orgId: string;
      rev: number;
      updatedAt: components['schemas']['DateTime'];
    };
    RequestSeries: {
      from: components['schemas']['DateTime'];
      /** @enum {string} */
      granularity: 'minute' | 'hour';
      series: {
        errors: number;
        hits: number;
        latency: {
          max: number;
          mean: number;
          p50: number;
          p95: number;
          p99: number;
        };
        time: components['schemas']['DateTime'];
        upstreamLatencyMean: number;
      }[];
      to: components['schemas']['DateTime'];
    };
    SessionDocument: {
      access_rights?: components['schemas']['AccessRights'] | null;
      alias?: string | null;
      apply_policies?: string[] | null;
      apply_policy_id?: string | null;
      date_created?: string | null;
      expires?: number | null;
      is_inactive?: boolean | null;
      meta_data?: {
        [key: string]: unknown;
      } | null;
      org_id: string;
      per?: number | null;
      quota_max?: number | null;
      quota_remaining?: number | null;
      quota_renewal_rate?: number | null;
      quota_renews?: number | null;
      quota_reset_at?: number;
      rate?: number | null;
      tags?: string[] | null;
    } & {
      [key: string]: unknown;
    };
    SessionsacceptBody: {
      invitation: string;
      password: string;
    };
    SessionsloginBody: {
      /** Format: email */
      email: string;
      org: string;
      password: string;
    };
    StoredToken: {
      createdAt: components['schemas']['DateTime'];
      expiresAt: components['schemas']['DateTime'] | null;
      id: string;
      /** @enum {string} */
      kind: 'session' | 'api';
      name: string;
      orgId: string;
      userId: string;
    };
    TrafficBreakdown: {
      /** @enum {string} */
      by: 'api' | 'key' | 'status' | 'path' | 'region';
      from: components['schemas']['DateTime'];
      rows: {
        errors: number;
        hits: number;
        latency: {
          max: number;
          mean: number;
          p50: number;
          p95: number;
          p99: number;
        };
        upstreamLatencyMean: number;
        value: string;
      }[];
      to: components['schemas']['DateTime'];
      total: number;
    };
    User: {
      activated: boolean;
      active: boolean;
      createdAt: components['schemas']['DateTime'];
      email: string;
      id: string;
      name: string;
      orgId: string;
      /** @enum {string} */
      role: 'owner' | 'admin' | 'api-editor' | 'key-manager' | 'analyst' | 'viewer';
    };
    UsersinviteBody: {
      /** Format: email */
      email: string;
      name: string;
      /** @enum {string} */
      role: 'owner' | 'admin' | 'api-editor' | 'key-manager' | 'analyst' | 'viewer';
    };
    UsersupdateBody: {
      active?: boolean;
      name?: string;
      /** @enum {string} */
      role?: 'owner' | 'admin' | 'api-editor' | 'key-manager' | 'analyst' | 'viewer';
    };
  };
  responses: {
    /** @description the request was refused; `message` names the bad field where there is one */
    Error: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': {
          error: string;
          issues?: {
            message?: string;
            path?: string;
          }[];
          message: string;
          statusCode: number;
        };
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  'Analytics.breakdown': {
    parameters: {
      query?: {
        api?: string;
        by?: 'api' | 'key' | 'status' | 'path' | 'region';
        from?: string;
        granularity?: 'minute' | 'hour';
        limit?: number;
        offset?: number;
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TrafficBreakdown'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Analytics.requests': {
    parameters: {
      query?: {
        api?: string;
        from?: string;
        granularity?: 'minute' | 'hour';
        key?: string;
        path?: string;
        region?: string;
        status?: string;
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RequestSeries'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Apis.list': {
    parameters: {
      query?: {
        active?: 'true' | 'false';
        limit?: number;
        offset?: number;
        q?: string;
        tag?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          /** @description how many entries match the filter, whatever limit and offset are */
          'X-Total-Count': number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiListItem'][];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Apis.create': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApiscreateBody'];
      };
    };
    responses: {
      /** @description success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiRecord'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      /** @description an API with this api_id exists, or another API of the org serves this domain and listen path */
      409: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Apis.get': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiRecord'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Apis.replace': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApiscreateBody'];
      };
    };
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiRecord'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      /** @description another API of the org serves this domain and listen path */
      409: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Apis.delete': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description done; no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Apis.export': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiDocument'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Apis.import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApisimportBody'];
      };
    };
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiRecord'][];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Audit.list': {
    parameters: {
      query?: {
        actor?: string;
        limit?: number;
        offset?: number;
        resource?: string;
        since?: unknown;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          /** @description how many entries match the filter, whatever limit and offset are */
          'X-Total-Count': number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEntry'][];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Sessions.accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SessionsacceptBody'];
      };
    };
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuedToken'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Sessions.login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SessionsloginBody'];
      };
    };
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuedToken'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Sessions.logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description done; no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Changes.list': {
    parameters: {
      query?: {
        after?: number;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Change'][];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'GatewayGroups.list': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GatewayGroup'][];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'GatewayGroups.create': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['GatewayGroupscreateBody'];
      };
    };
    responses: {
      /** @description success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GatewayGroup'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      /** @description the organisation has a gateway group of this groupId: replace it with PUT /gateway-groups/{id} */
      409: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'GatewayGroups.get': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GatewayGroup'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'GatewayGroups.update': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['GatewayGroupsupdateBody'];
      };
    };
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GatewayGroup'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'GatewayGroups.delete': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description done; no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'GatewayGroups.nodeTokens': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NodeTokenInfo'][];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'GatewayGroups.revokeNodeToken': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        tokenId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description done; no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'GatewayGroups.nodes': {
    parameters: {
      query?: {
        seenWithinSeconds?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GatewayNode'][];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'GatewayGroups.mintToken': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            groupId: string;
            id: string;
            token: string;
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Keys.list': {
    parameters: {
      query?: {
        api?: string;
        inactive?: 'true' | 'false';
        limit?: number;
        offset?: number;
        policy?: string;
        request_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          /** @description how many entries match the filter, whatever limit and offset are */
          'X-Total-Count': number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['KeyView'][];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Keys.create': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['KeyscreateBody'];
      };
    };
    responses: {
      /** @description success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedKey'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Keys.get': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        hash: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['KeyView'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Keys.update': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        hash: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['KeyscreateBody'];
      };
    };
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['KeyView'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Keys.revoke': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        hash: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description done; no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Keys.resetQuota': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        hash: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['KeyView'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Keys.import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['KeysimportBody'];
      };
    };
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            key_hash: string;
            ref: string;
          }[];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Me.me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Me'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Me.tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StoredToken'][];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Me.createToken': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['MecreateTokenBody'];
      };
    };
    responses: {
      /** @description success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuedToken'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Me.revoke': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description done; no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Orgs.create': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OrgscreateBody'];
      };
    };
    responses: {
      /** @description success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            expiresAt: components['schemas']['DateTime'] | null;
            id: string;
            name: string;
            org: {
              createdAt: components['schemas']['DateTime'];
              id: string;
              name: string;
              slug: string;
            };
            owner: components['schemas']['User'];
            token: string;
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      /** @description an organisation with this slug exists */
      409: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Policies.list': {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          /** @description how many entries match the filter, whatever limit and offset are */
          'X-Total-Count': number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PolicyRecord'][];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Policies.create': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PoliciescreateBody'];
      };
    };
    responses: {
      /** @description success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PolicyRecord'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      /** @description a policy with this id exists */
      409: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Policies.get': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PolicyRecord'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Policies.replace': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PoliciescreateBody'];
      };
    };
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PolicyRecord'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Policies.delete': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description done; no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Policies.import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PoliciesimportBody'];
      };
    };
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PolicyRecord'][];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Users.list': {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          /** @description how many entries match the filter, whatever limit and offset are */
          'X-Total-Count': number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'][];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Users.invite': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UsersinviteBody'];
      };
    };
    responses: {
      /** @description success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            invitation: string;
            user: components['schemas']['User'];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      /** @description a user with this email exists in the organisation */
      409: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Users.get': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  'Users.update': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UsersupdateBody'];
      };
    };
    responses: {
      /** @description success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      429: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
}
