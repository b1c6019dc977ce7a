import { PrometheusProxyObserver, ProxyServer, RouteTable, UpstreamPools } from '@gatehouse/gateway-proxy';
import { createHttpApp, listen } from '@gatehouse/shared-app-runtime';
import { createRedisClient, redisProbe } from '@gatehouse/shared-keyspace';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-model';
import { createMetricsRegistry, Logger } from '@gatehouse/shared-observability';

import { GatewayConfig } from './gateway.config';

export interface RunningGateway {
  proxyUrl: string;
  controlUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the proxy and its control surface. Redis is not awaited: the data plane serves traffic that
 * does not need Redis even while Redis is down, and /health says so.
 */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningGateway> {
  const redis = createRedisClient({ url: config.redis.url, connectionName: 'gatehouse-gateway' });
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection problem'));
  const registry = createMetricsRegistry('gateway');
  const proxy = new ProxyServer(
    new RouteTable(config.apis),
    new UpstreamPools({
      connections: config.upstream.connectionsPerOrigin,
      headersTimeoutMs: config.upstream.headersTimeoutMs,
      bodyTimeoutMs: config.upstream.bodyTimeoutMs,
    }),
    new PrometheusProxyObserver(registry),
  );
  const address = await proxy.listen(config.proxy.port, config.proxy.host);
  // The control surface gets its own port, so no framework code sits in front of the hot path.
  const control = await createHttpApp({
    logger,
    component: { name: 'gateway', version: GATEHOUSE_VERSION },
    registry,
    probes: [redisProbe(redis)],
  });
  const controlUrl = await listen(control, config.control.host, config.control.port);
  logger.info({ apis: config.apis.map((api) => `${api.listenPath} -> ${api.targetUrl}`) }, 'routes loaded');
  return {
    proxyUrl: `http://${address.address}:${address.port}`,
    controlUrl,
    close: async () => {
      await proxy.close(config.shutdownTimeoutMs);
      await control.close();
      redis.disconnect();
    },
  };
}
