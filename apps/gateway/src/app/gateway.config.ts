import {
  bridgeClientTlsProblems,
  logSettingsSchema,
  redisUrlSchema,
  shutdownTimeoutMsSchema,
} from '@gatehouse/shared-config';
import {
  KEY_HASH_ALGORITHMS,
  LEGACY_KEY_HASHES,
  MIN_KEY_HASH_SECRET_LENGTH,
} from '@gatehouse/shared-tyk-compat';
import { z } from 'zod';

import { redisUrlProblem, storageSchema } from './gateway-storage.config';
import { bridgeTlsSettings, httpServerOptionsSchema, proxySslSettings } from './gateway-tls.config';

const port = (fallback: number) => z.number().int().min(0).max(65535).default(fallback);

/**
 * The gateway's settings in the shape of Tyk's tyk.conf, so an existing tyk.conf works as the config
 * file (GATEHOUSE_GATEWAY_CONFIG_FILE=tyk.conf); keys we do not support are reported, not fatal. Each
 * setting can also be set by GATEHOUSE_GATEWAY_<PATH> or Tyk's TYK_GW_<PATH> variables. Keys after
 * `rate_limit_response_headers` are Gatehouse additions.
 */
export const gatewayConfigSchema = z
  .object({
    listen_address: z.string().default(''),
    listen_port: port(8080),
    /** 0: the Gateway API shares the traffic port under /tyk/ (Tyk's default). */
    control_api_hostname: z.string().default(''),
    control_api_port: port(0),
    secret: z.string().default(''),
    node_secret: z.string().default(''),
    app_path: z.string().default(''),
    policies: z
      .object({
        policy_source: z.enum(['file', 'service', 'rpc', '']).default('file'),
        policy_path: z.string().default(''),
        policy_record_name: z.string().default(''),
      })
      .prefault({}),
    storage: storageSchema,
    /** Always on: keys are stored only by hash (`false`, Tyk's raw-key storage, is refused). */
    hash_keys: z
      .boolean()
      .default(true)
      .refine((on) => on, 'must be true: Gatehouse never stores raw keys'),
    /**
     * The format of keys this gateway mints (Tyk's `h` inside a key). It never chooses how a key is
     * hashed; `key_hashing` does. murmur32 is refused: its 32-bit ids are forged by brute force.
     */
    hash_key_function: z
      .enum(['', 'murmur64', 'murmur128', 'sha256'], {
        error:
          "must be '', murmur64, murmur128 or sha256 (murmur32 is refused: 32-bit ids are forged in seconds)",
      })
      .default(''),
    /**
     * How keys are hashed. Standalone: `hmac-sha256` with `secret` (shared by every gateway of the
     * region), or `sha256` for Tyk-compatible ids. Hybrid: the control plane decides; only
     * `migrate_from` is read here.
     */
    key_hashing: z
      .object({
        algorithm: z.enum(KEY_HASH_ALGORITHMS).default('hmac-sha256'),
        secret: z.string().default(''),
        /** Tyk hashes whose stored ids are still accepted (and re-hashed on first use), for migrations. */
        migrate_from: z.array(z.enum(LEGACY_KEY_HASHES)).max(3).default([]),
      })
      .prefault({}),
    enable_hashed_keys_listing: z.boolean().default(false),
    allow_master_keys: z.boolean().default(false),
    allow_insecure_configs: z.boolean().default(false),
    enable_analytics: z.boolean().default(false),
    local_session_cache: z
      .object({
        disable_cached_session_state: z.boolean().default(false),
        /** Seconds a key is served from process memory before Redis is asked again. */
        cached_session_timeout: z.number().min(0).default(10),
        /** Keys held at most (known and remembered as unknown); the oldest go first. */
        max_entries: z.number().int().min(1).max(10_000_000).default(100_000),
        /** Estimated bytes held at most (raw key + session JSON + overhead per entry). */
        max_bytes: z
          .number()
          .int()
          .min(1024 * 1024)
          .default(64 * 1024 * 1024),
      })
      .prefault({}),
    /** Seconds an OAuth access token lives; 0 is osin's 3600. */
    oauth_token_expire: z.number().int().min(0).default(0),
    /** Seconds an OAuth refresh token lives; 0 is Tyk's 14 days. */
    oauth_refresh_token_expire: z.number().int().min(0).default(0),
    /** The status of the token endpoint's OAuth errors; 0 is Tyk's 403. */
    oauth_error_status_code: z.number().int().min(0).max(599).default(0),
    rate_limit_response_headers: z.enum(['quotas', 'rate_limits']).default('quotas'),
    /** Overrides `storage`: redis://[user:password@]host:port/db. */
    redis_url: redisUrlSchema.optional(),
    /** Prepended to every Redis key, so environments (or test runs) can share one Redis. */
    redis_key_prefix: z.string().default(''),
    /** `redis`: rate limits exact across the region; `local`: per process, no Redis call. */
    rate_limiter: z.enum(['redis', 'local']).default('redis'),
    /** Bounds on what one OAuth API's tenants can store in regional Redis (see docs/gateway.md). */
    oauth_limits: z
      .object({
        max_clients_per_api: z.number().int().min(1).max(1_000_000).default(1000),
        /** Live tokens per client and API; issuing more revokes the oldest. */
        max_tokens_per_client: z.number().int().min(1).max(1_000_000).default(1000),
        /** Seconds an expired token's session is kept, so it is told it expired (Tyk keeps it for ever). */
        expired_token_grace_seconds: z.number().int().min(0).max(31_536_000).default(3600),
      })
      .prefault({}),
    /** Processes serving the port (node:cluster); they share nothing but Redis. */
    workers: z.number().int().min(1).max(64).default(1),
    /**
     * How far the heap may grow past its live size before a full collection, in percent (Go's GOGC);
     * 0 leaves it to V8, which lets a busy gateway reach 4 × its live data. 100, not less: at 50 a
     * 1,000-API gateway with 20,000 keys held 182 MB instead of about 196, but full collections came
     * twice as often and stalled the event loop up to 85 ms at 10,000 APIs (docs/gateway.md).
     */
    heap_growth_percent: z.number().int().min(0).max(400).default(100),
    metrics: z
      .object({
        /** APIs with series of their own on /metrics; later ones share an empty api_id. */
        max_api_series: z.number().int().min(0).max(100_000).default(500),
      })
      .prefault({}),
    http_server_options: httpServerOptionsSchema,
    ...proxySslSettings,
    /** Reload when a file in app_path or policy_path changes. */
    watch_files: z.boolean().default(true),
    upstream: z
      .object({
        connections_per_origin: z.number().int().min(1).max(4096).default(128),
        headers_timeout_ms: z.number().int().min(1).default(30_000),
        body_timeout_ms: z.number().int().min(1).default(30_000),
        /** Requests to one upstream origin in flight or queued at most; more get 503 at once. */
        max_requests_per_origin: z.number().int().min(1).max(1_000_000).default(1024),
      })
      .prefault({}),
    analytics_stream: z
      .object({
        name: z.string().min(1).default('gatehouse:analytics'),
        max_length: z.number().int().min(1).default(1_000_000),
        batch_size: z.number().int().min(1).max(10_000).default(1000),
        flush_interval_ms: z.number().int().min(10).default(1000),
        buffer_limit: z.number().int().min(1).default(100_000),
      })
      .prefault({}),
    /** Largest Gateway API request body, in bytes. */
    control_body_limit: z
      .number()
      .int()
      .min(1024)
      .default(2 * 1024 * 1024),
    /** `hybrid`: managed by the control plane through a bridge (as Tyk's `slave_options.use_rpc`). */
    mode: z.enum(['standalone', 'hybrid']).default('standalone'),
    /** Tyk's MDCB settings: the bridge address and node token; `use_rpc` also turns on hybrid mode. */
    slave_options: z
      .object({
        use_rpc: z.boolean().default(false),
        /** Bridge gRPC address(es), host:port, comma-separated; tried in turn. */
        connection_string: z.string().default(''),
        /** The organisation id. */
        rpc_key: z.string().default(''),
        /** The gateway group's node token (from the dashboard). */
        api_key: z.string().default(''),
        group_id: z.string().default(''),
        /** Seconds a bridge call may take. */
        call_timeout: z.number().min(0.1).max(300).default(5),
        ...bridgeTlsSettings,
      })
      .prefault({}),
    db_app_conf_options: z
      .object({
        node_is_segmented: z.boolean().default(false),
        /** Sent to the bridge for information; the group's tags in the dashboard decide what is served. */
        tags: z.array(z.string()).default([]),
      })
      .prefault({}),
    hybrid: z
      .object({
        /** Stable node id for status reports; default host name and process id. */
        node_id: z.string().max(200).default(''),
        stall_timeout_ms: z.number().int().min(1000).default(15_000),
        reconnect_max_ms: z.number().int().min(100).default(5000),
        status_interval_ms: z.number().int().min(100).default(10_000),
        backfills_per_second: z.number().int().min(1).default(100),
        initial_sync_timeout_ms: z.number().int().min(0).default(5000),
        /** The emergency snapshot is written at most this often while changes arrive, and on shutdown. */
        snapshot_interval_ms: z.number().int().min(100).max(600_000).default(5000),
      })
      .prefault({}),
    streams: z
      .object({
        /**
         * The region's name in broker consumer groups: the region's gateways share one group (a topic is
         * read once per region) and each region has its own (every region reads every message). Default:
         * the hybrid group id, else `default`. Every gateway of a region must use the same name.
         */
        region: z
          .string()
          .max(100)
          .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only')
          .default(''),
        /** Streams one org may run on this gateway; more wait (reported as failing) until one stops. */
        max_per_org: z.number().int().min(1).max(100_000).default(200),
      })
      .prefault({}),
    log: logSettingsSchema,
    shutdown_timeout_ms: shutdownTimeoutMsSchema,
  })
  .superRefine((config, context) => {
    const redisUrl = redisUrlProblem(config);
    if (redisUrl) context.addIssue({ code: 'custom', path: ['redis_url'], message: redisUrl });
    const hashing = config.key_hashing;
    if (
      !isHybrid(config) &&
      hashing.algorithm === 'hmac-sha256' &&
      hashing.secret.length < MIN_KEY_HASH_SECRET_LENGTH
    )
      context.addIssue({
        code: 'custom',
        path: ['key_hashing', 'secret'],
        message: `required for hmac-sha256 key hashing: a random secret of at least ${MIN_KEY_HASH_SECRET_LENGTH} characters, the same on every gateway of the region (or key_hashing.algorithm: sha256 for Tyk-compatible key ids)`,
      });
    if (isHybrid(config) && hashing.secret !== '')
      context.addIssue({
        code: 'custom',
        path: ['key_hashing', 'secret'],
        message: "not used in hybrid mode: the control plane sends each gateway its org's hashing key",
      });
    if (!isHybrid(config)) return;
    for (const field of ['connection_string', 'rpc_key', 'api_key', 'group_id'] as const) {
      if (!config.slave_options[field])
        context.addIssue({
          code: 'custom',
          path: ['slave_options', field],
          message: 'required in hybrid mode (mode: hybrid or slave_options.use_rpc)',
        });
    }
    for (const [field, message] of bridgeClientTlsProblems(config.slave_options, 'slave_options.'))
      context.addIssue({ code: 'custom', path: ['slave_options', field], message });
  });

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

export function isHybrid(config: Pick<GatewayConfig, 'mode' | 'slave_options'>): boolean {
  return config.mode === 'hybrid' || config.slave_options.use_rpc;
}

/** Tyk's variable names: TYK_GW_ + the Go field names, which are the JSON keys without underscores. */
export const TYK_ENV = { prefix: 'TYK_GW_', segment: (key: string) => key.replace(/_/g, '').toUpperCase() };
