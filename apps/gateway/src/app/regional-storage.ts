import {
  AnalyticsStreamWriter,
  AnalyticsWriterMetrics,
  ClusterNotifications,
  LimitsRepository,
  SessionRepository,
} from '@gatehouse/gateway-storage';
import {
  createRedisClient,
  describeRedisTarget,
  duplicateRedis,
  Redis,
  redisTargetOf,
} from '@gatehouse/shared-redis';
import type { Logger } from '@gatehouse/shared-observability';

import type { GatewayConfig } from './gateway.config';
import { redisTopologyOf } from './gateway-storage.config';

/** The gateway's regional Redis and what it keeps there. */
export interface RegionalStorage {
  redis: Redis;
  sessions: SessionRepository;
  limits: LimitsRepository;
  notifications: ClusterNotifications;
  analytics?: AnalyticsStreamWriter;
  disconnect(): void;
}

/**
 * Connects to regional Redis (one server, the primary Sentinel names, or a Cluster) without waiting
 * for it: keyless APIs serve while it is down, and /hello reports it.
 */
export function openRegionalStorage(
  config: GatewayConfig,
  logger: Logger,
  analyticsMetrics: AnalyticsWriterMetrics,
): RegionalStorage {
  const target = redisTargetOf(redisTopologyOf(config));
  logger.info({ redis: describeRedisTarget(target) }, 'connecting to regional redis');
  const redis = createRedisClient({
    ...target,
    connectionName: 'gatehouse-gateway',
    keyPrefix: config.redis_key_prefix,
    autoPipelining: true,
  });
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection problem'));
  // Analytics get their own connection: a large batch write must never queue ahead of the hot path's
  // rate-limit calls on the same socket.
  const analyticsRedis = config.enable_analytics
    ? duplicateRedis(redis, { enableAutoPipelining: false })
    : undefined;
  analyticsRedis?.on('error', () => undefined);
  const stream = config.analytics_stream;
  return {
    redis,
    sessions: new SessionRepository(redis),
    limits: new LimitsRepository(redis),
    notifications: new ClusterNotifications(
      redis,
      config.node_secret || config.secret,
      config.allow_insecure_configs,
    ),
    analytics: analyticsRedis
      ? new AnalyticsStreamWriter(
          analyticsRedis,
          {
            stream: stream.name,
            maxStreamLength: stream.max_length,
            batchSize: stream.batch_size,
            flushIntervalMs: stream.flush_interval_ms,
            bufferLimit: stream.buffer_limit,
          },
          analyticsMetrics,
        )
      : undefined,
    disconnect: () => {
      analyticsRedis?.disconnect();
      redis.disconnect();
    },
  };
}
