import { DocumentStore, FailureCounter, Registry, ReloadResult } from '@gatehouse/gateway-core';
import { GatewayApiModule } from '@gatehouse/gateway-control-api';
import { apiDefinitionFolder, policyFolder } from '@gatehouse/gateway-definitions';
import { HybridMode, MANAGED_BY_CONTROL_PLANE } from '@gatehouse/gateway-hybrid';
import {
  CachedKeyResolver,
  ChainDependencies,
  DegradingLimitsStore,
  LocalRateLimiter,
} from '@gatehouse/gateway-middleware';
import { CompiledApi, PrometheusProxyObserver, ProxyServer, UpstreamPools } from '@gatehouse/gateway-proxy';
import {
  AnalyticsStreamWriter,
  ClusterNotifications,
  EmergencySnapshotRepository,
  LimitsRepository,
  SessionRepository,
} from '@gatehouse/gateway-storage';
import { createRedisClient, redisProbe } from '@gatehouse/shared-redis';
import { createMetricsRegistry, Logger } from '@gatehouse/shared-observability';

import { createControlApp, RawHandler } from './control-app';
import { GatewayConfig, isHybrid, redisUrlOf } from './gateway.config';
import { gatewayMetrics, hybridMetrics } from './gateway-metrics';
import { GatewayRuntime, SourcedStore } from './gateway-runtime';
import { hybridOptions, redisReady } from './hybrid-options';
import { securityWarnings, standaloneKeyHasher } from './key-hashing-setup';
import { UnconfiguredStore } from './unconfigured-store';

export interface RunningGateway {
  proxyUrl: string;
  /** Where the Gateway API answers: the traffic port unless control_api_port is set. */
  controlUrl: string;
  runtime: GatewayRuntime;
  /** Present in hybrid mode (`mode: hybrid` or Tyk's `slave_options.use_rpc`). */
  hybrid?: HybridMode;
  analytics?: AnalyticsStreamWriter;
  close(): Promise<void>;
}

/** Tyk's reserved paths plus health and metrics, when the control surface shares the traffic port. */
const SHARED_CONTROL_PATHS = /^\/(tyk(\/|$|\?)|(hello|health|metrics)(\?|$))/;

function fileStores(config: GatewayConfig): {
  apis: SourcedStore & DocumentStore;
  policies: SourcedStore & DocumentStore;
} {
  const policyPath = config.policies.policy_path || config.policies.policy_record_name;
  return {
    apis: config.app_path ? apiDefinitionFolder(config.app_path) : new UnconfiguredStore('app_path'),
    policies: policyPath ? policyFolder(policyPath) : new UnconfiguredStore('policies.policy_path'),
  };
}

/**
 * Starts a standalone gateway: the proxy on listen_port, the Gateway API (on the same port under /tyk/,
 * or on control_api_port), definitions from files, keys and counters in regional Redis. Redis is not
 * awaited: keyless APIs serve without it, and /hello reports it.
 */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningGateway> {
  const redis = createRedisClient({
    url: redisUrlOf(config),
    connectionName: 'gatehouse-gateway',
    keyPrefix: config.redis_key_prefix,
    autoPipelining: true,
  });
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection problem'));
  const metricsRegistry = createMetricsRegistry('gateway');
  const metrics = gatewayMetrics(metricsRegistry);
  const sessions = new SessionRepository(redis);
  const limits = new LimitsRepository(redis);
  for (const warning of securityWarnings(config)) logger.warn(warning);
  const notifications = new ClusterNotifications(
    redis,
    config.node_secret || config.secret,
    config.allow_insecure_configs,
  );
  // Analytics get their own connection: a large batch write must never queue ahead of the hot path's
  // rate-limit calls on the same socket.
  const analyticsRedis = config.enable_analytics
    ? redis.duplicate({ enableAutoPipelining: false })
    : undefined;
  analyticsRedis?.on('error', () => undefined);
  const analytics = analyticsRedis
    ? new AnalyticsStreamWriter(
        analyticsRedis,
        {
          stream: config.analytics_stream.name,
          maxStreamLength: config.analytics_stream.max_length,
          batchSize: config.analytics_stream.batch_size,
          flushIntervalMs: config.analytics_stream.flush_interval_ms,
          bufferLimit: config.analytics_stream.buffer_limit,
        },
        metrics.analytics,
      )
    : undefined;
  const observer = new PrometheusProxyObserver(metricsRegistry);
  const sharedPort = config.control_api_port === 0 || config.control_api_port === config.listen_port;
  let controlHandler: RawHandler | undefined;
  const proxy = new ProxyServer(
    Registry.empty<CompiledApi>(),
    new UpstreamPools({
      connections: config.upstream.connections_per_origin,
      headersTimeoutMs: config.upstream.headers_timeout_ms,
      bodyTimeoutMs: config.upstream.body_timeout_ms,
      maxRequestsPerOrigin: config.upstream.max_requests_per_origin,
    }),
    observer,
    {
      analytics,
      control: sharedPort ? (req, res) => controlHandler?.(req, res) : undefined,
      controlPaths: SHARED_CONTROL_PATHS,
      startsNotReady: true,
    },
  );
  const hybrid: HybridMode | undefined = isHybrid(config)
    ? new HybridMode(hybridOptions(config), {
        snapshotStore: new EmergencySnapshotRepository(
          redis,
          config.slave_options.rpc_key,
          config.slave_options.group_id,
        ),
        regionReady: () => redisReady(redis, config.hybrid.initial_sync_timeout_ms),
        sessions,
        keyCache: (): CachedKeyResolver => keys,
        reload: (): Promise<ReloadResult> => runtime.reload(),
        requestsTotal: () => observer.requestsServed,
        logger,
        backfilled: hybridMetrics(metricsRegistry, () => hybrid).backfilled,
      })
    : undefined;
  const standaloneHasher = hybrid ? undefined : standaloneKeyHasher(config);
  const keys: CachedKeyResolver = new CachedKeyResolver(
    hybrid?.finder ?? sessions,
    () => ({ lookup: (id: string) => proxy.current.policy(id) }),
    () => standaloneHasher ?? hybrid?.keyHasher,
    {
      ttlMs: config.local_session_cache.disable_cached_session_state
        ? 0
        : config.local_session_cache.cached_session_timeout * 1000,
      negativeTtlMs: 2000,
      maxEntries: 100_000,
    },
    metrics.keyCache,
  );
  const chainDeps: ChainDependencies = {
    keys,
    policies: () => (id: string) => proxy.current.policy(id),
    // While regional Redis is down, keys keep their rate limits in process memory (counted as degraded).
    limits: new DegradingLimitsStore(limits, new LocalRateLimiter(), metrics.degradedLimits),
    localLimiter: config.rate_limiter === 'local' ? new LocalRateLimiter() : undefined,
    options: { rateLimitHeaders: config.rate_limit_response_headers, rateLimiter: config.rate_limiter },
    keyFormat: config.hash_key_function,
    basicAuthThrottle: new FailureCounter({ limit: 10, windowMs: 60_000, maxSources: 100_000 }),
  };
  const { apis, policies } = hybrid
    ? { apis: hybrid.mirror.store('api'), policies: hybrid.mirror.store('policy') }
    : fileStores(config);
  const runtime: GatewayRuntime = new GatewayRuntime(apis, policies, proxy, keys, chainDeps, logger);
  // Listen before anything registers with the control plane: a gateway that cannot take its port must
  // not appear as a node. Until the config is loaded the port answers 503 (see ProxyServer.ready).
  const address = await proxy.listen(config.listen_port, config.listen_address).catch((error: Error) => {
    analyticsRedis?.disconnect();
    redis.disconnect();
    throw error;
  });
  if (hybrid) {
    const started = await hybrid.start();
    logger.info({ from: started }, 'hybrid mode: configuration source at start');
  } else {
    const initial = await runtime.reload();
    if (!initial.ok) {
      await proxy.close(0);
      analyticsRedis?.disconnect();
      redis.disconnect();
      throw new Error(`invalid API definitions or policies:\n  - ${initial.errors.join('\n  - ')}`);
    }
  }
  const control = await createControlApp({
    config,
    logger,
    metricsRegistry,
    redis,
    onRouting: (handler) => (controlHandler = handler),
    module: GatewayApiModule.forRoot({
      secret: config.secret,
      apis,
      policies,
      reloader: runtime,
      readOnlyReason: hybrid ? MANAGED_BY_CONTROL_PLANE : undefined,
      reloadGroup: async () => {
        await notifications.publish('GroupReload');
        await runtime.reload();
      },
      keys: {
        keyFormat: config.hash_key_function,
        allowMasterKeys: config.allow_master_keys,
        enableHashedKeysListing: config.enable_hashed_keys_listing,
      },
      probes: [redisProbe(redis)],
      sessions,
      limits,
      notifications,
      lookups: {
        idOf: (rawKey) => keys.idOf(rawKey),
        apiExists: (apiId) => proxy.current.api(apiId) !== undefined,
        policyExists: (policyId) => proxy.current.policy(policyId) !== undefined,
        evict: (keyIds) => keys.invalidate(keyIds),
      },
    }),
    sharedPort,
  });
  await notifications
    .subscribe((notification) => {
      if (notification.command === 'KeySpaceUpdateNotification')
        keys.invalidate(notification.payload.split(','));
      else if (['GroupReload', 'ApiUpdated', 'PolicyChanged'].includes(notification.command))
        void runtime.reload();
    })
    .catch((error: Error) => logger.warn({ err: error.message }, 'cluster notifications unavailable'));
  analytics?.start();
  proxy.ready();
  if (config.watch_files) runtime.watch([config.app_path, config.policies.policy_path].filter(Boolean));
  const proxyUrl = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    proxyUrl,
    controlUrl: control.url ?? proxyUrl,
    runtime,
    hybrid,
    analytics,
    close: async () => {
      runtime.stopWatching();
      await hybrid?.stop();
      await proxy.close(config.shutdown_timeout_ms);
      await control.app.close();
      await analytics?.stop();
      await notifications.close();
      analyticsRedis?.disconnect();
      redis.disconnect();
    },
  };
}
