import { GatewayApiModule } from '@gatehouse/gateway-control-api';
import type { HybridMode } from '@gatehouse/gateway-hybrid';
import { CompiledApi, PrometheusProxyObserver } from '@gatehouse/gateway-proxy';
import { ConfigRuntime } from '@gatehouse/gateway-runtime';
import { type AnalyticsStreamWriter, ResponseCacheRepository } from '@gatehouse/gateway-storage';
import { redisProbe } from '@gatehouse/shared-redis';
import { createMetricsRegistry, Logger } from '@gatehouse/shared-observability';

import { apiCompiler } from './api-compiler';
import { configSourceOf, hybridMode } from './config-sources';
import { trafficTls } from './traffic-tls';
import { createControlApp } from './control-app';
import { GatewayConfig, isHybrid } from './gateway.config';
import { gatewayMetrics, hybridMetrics, keyCacheGauges } from './gateway-metrics';
import { createKeyCache } from './key-cache';
import { createOAuth, OAuthRouting } from './oauth-setup';
import { securityWarnings, standaloneKeyHasher } from './key-hashing-setup';
import { ControlRouter, createProxy } from './proxy-setup';
import { openRegionalStorage } from './regional-storage';
import { createStreams, followStreams, toReportedStatus } from './streams-setup';
import { streamConnectors } from '@gatehouse/gateway-stream-connectors';

export interface RunningGateway {
  proxyUrl: string;
  /** Where the Gateway API answers: the traffic port unless control_api_port is set. */
  controlUrl: string;
  runtime: ConfigRuntime<CompiledApi>;
  /** Present in hybrid mode (`mode: hybrid` or Tyk's `slave_options.use_rpc`). */
  hybrid?: HybridMode;
  analytics?: AnalyticsStreamWriter;
  close(): Promise<void>;
}

/**
 * Starts a gateway: the proxy on listen_port, the Gateway API (on the same port under /tyk/, or on
 * control_api_port), keys and counters in regional Redis, and the configuration from files
 * (standalone) or from the control plane through a bridge (hybrid), kept current by the runtime.
 */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningGateway> {
  for (const warning of securityWarnings(config)) logger.warn(warning);
  // First: a certificate that cannot be read stops the start before anything is connected.
  const traffic = await trafficTls(config, logger);
  const metricsRegistry = createMetricsRegistry('gateway');
  const metrics = gatewayMetrics(metricsRegistry);
  const storage = openRegionalStorage(config, logger, metrics.analytics);
  const observer = new PrometheusProxyObserver(metricsRegistry, config.metrics.max_api_series);
  const control = new ControlRouter(config);
  const streams = createStreams(config, storage.redis, streamConnectors(), metricsRegistry, logger);
  const oauthRouting = new OAuthRouting();
  const proxy = createProxy(config, observer, storage.analytics, control, streams.endpoints, {
    oauth: oauthRouting,
    tls: traffic?.tls,
  });

  const hybridSeries = isHybrid(config) ? hybridMetrics(metricsRegistry) : undefined;
  const hybrid = hybridSeries
    ? await hybridMode(config, storage, logger, {
        requestsTotal: () => observer.requestsServed,
        streams: () => streams.supervisor.statuses().map(toReportedStatus),
        backfilled: hybridSeries.backfilled,
      })
    : undefined;
  if (hybrid) hybridSeries?.track(hybrid);
  const standaloneHasher = hybrid ? undefined : standaloneKeyHasher(config);
  const keys = createKeyCache(
    config,
    hybrid?.finder ?? storage.sessions,
    () => standaloneHasher ?? hybrid?.keyHasher,
    proxy,
    metrics.keyCache,
  );
  keyCacheGauges(metricsRegistry, () => keys.stats());
  const oauth = createOAuth(
    config,
    storage,
    proxy,
    () => standaloneHasher ?? hybrid?.keyHasher,
    keys,
    (error) => {
      observer.stageFailed();
      logger.warn({ err: (error as Error).message }, 'OAuth endpoint failed');
    },
  );
  oauthRouting.use(oauth.endpoints);
  hybrid?.attachKeyCache(keys);

  const responseCache = new ResponseCacheRepository(storage.redis);
  const { source, folders } = configSourceOf(config, hybrid);
  const runtime = new ConfigRuntime<CompiledApi>({
    source,
    registry: proxy,
    compile: apiCompiler(
      config,
      keys,
      storage.limits,
      proxy,
      metrics.degradedLimits,
      responseCache,
      oauth.clients,
    ),
    keys,
    logger,
    partialBuilds: hybrid !== undefined,
    applied: (registry, apiIds) => followStreams(streams.supervisor, registry, apiIds),
  });

  // Listen before anything registers with the control plane: a gateway that cannot take its port must
  // not appear as a node. Until the config is loaded the port answers 503 (see ProxyServer.ready).
  const address = await proxy.listen(config.listen_port, config.listen_address).catch((error: Error) => {
    storage.disconnect();
    throw error;
  });
  const initial = await runtime.start();
  if (hybrid) {
    logger.info({ from: await hybrid.start() }, 'hybrid mode: configuration source at start');
    await runtime.idle();
  } else if (!initial.ok) {
    await proxy.close(0);
    await streams.close();
    storage.disconnect();
    throw new Error(`invalid API definitions or policies:\n  - ${initial.errors.join('\n  - ')}`);
  }
  const controlApp = await createControlApp({
    config,
    logger,
    metricsRegistry,
    redis: storage.redis,
    onRouting: (handler) => control.use(handler),
    module: GatewayApiModule.forRoot({
      secret: config.secret,
      config: source,
      writer: runtime,
      reloader: runtime,
      readOnlyReason: hybrid?.readOnlyReason,
      reloadGroup: async () => {
        await storage.notifications.publish('GroupReload');
        await runtime.reload();
      },
      keys: {
        keyFormat: config.hash_key_function,
        allowMasterKeys: config.allow_master_keys,
        enableHashedKeysListing: config.enable_hashed_keys_listing,
      },
      probes: [redisProbe(storage.redis)],
      responseCache,
      sessions: storage.sessions,
      limits: storage.limits,
      notifications: storage.notifications,
      lookups: {
        idOf: (rawKey) => keys.idOf(rawKey),
        apiExists: (apiId) => proxy.current.api(apiId) !== undefined,
        policy: (policyId) => proxy.current.policy(policyId),
        evict: (keyIds) => keys.invalidate(keyIds),
      },
      oauth: oauth.admin,
    }),
    sharedPort: control.sharedPort,
    https: traffic?.control,
  });
  await storage.notifications
    .subscribe((notification) => {
      if (notification.command === 'KeySpaceUpdateNotification')
        keys.invalidate(notification.payload.split(','));
      else if (['GroupReload', 'ApiUpdated', 'PolicyChanged'].includes(notification.command))
        void runtime.reload();
    })
    .catch((error: Error) => logger.warn({ err: error.message }, 'cluster notifications unavailable'));
  storage.analytics?.start();
  proxy.ready();
  if (folders && config.watch_files)
    folders.watchFiles([config.app_path, config.policies.policy_path].filter(Boolean), logger);
  const proxyUrl = `${traffic ? 'https' : 'http'}://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    proxyUrl,
    controlUrl: controlApp.url ?? proxyUrl,
    runtime,
    hybrid,
    analytics: storage.analytics,
    close: async () => {
      folders?.stopWatching();
      await hybrid?.stop();
      await streams.close();
      await proxy.close(config.shutdown_timeout_ms);
      traffic?.close();
      await controlApp.app.close();
      await storage.analytics?.stop();
      await storage.notifications.close();
      storage.disconnect();
    },
  };
}
