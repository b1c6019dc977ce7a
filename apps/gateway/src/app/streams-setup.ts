import {
  ConnectorFactory,
  prometheusStreamMetrics,
  RegionConnectionLimit,
  StreamEndpoints,
  StreamStatus,
  StreamSupervisor,
} from '@gatehouse/gateway-streams';
import type { StreamStatus as ReportedStreamStatus } from '@gatehouse/shared-proto';
import {
  ConnectionSlots,
  RegionLease,
  StreamGroupReader,
  createStreamTail,
  StreamMessageLog,
} from '@gatehouse/gateway-storage';
import type { Registry as ApiRegistry } from '@gatehouse/gateway-core';
import type { CompiledApi } from '@gatehouse/gateway-proxy';
import type { Logger, Registry } from '@gatehouse/shared-observability';
import type { Redis } from '@gatehouse/shared-redis';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

import type { GatewayConfig } from './gateway.config';

/** A dead gateway's consumer connections stop counting against their keys' limits after this. */
const CONNECTION_SLOT_TTL_MS = 30_000;

export interface GatewayStreams {
  supervisor: StreamSupervisor;
  endpoints: StreamEndpoints;
  close(): Promise<void>;
}

/**
 * The gateway's streams over the regional Redis: each stream's log, one tail connection for every
 * stream with consumers here (one per stream API on a Cluster), and consumer groups for outputs.
 */
export function createStreams(
  config: GatewayConfig,
  redis: Redis,
  connectors: ConnectorFactory,
  metricsRegistry: Registry,
  logger: Logger,
): GatewayStreams {
  const tail = createStreamTail(redis, {
    onError: (error) =>
      logger.warn({ err: error.message }, 'stream tail: reading the stream logs failed; retrying'),
  });
  // Unique per running gateway, even for two in one process or two configured with one node_id: it
  // names the holder of a region lease and the consumer in an output's consumer group.
  const nodeId = `${config.hybrid.node_id || hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const metrics = prometheusStreamMetrics(metricsRegistry);
  const supervisor = new StreamSupervisor(
    {
      storage: {
        log: (key, retention) => new StreamMessageLog(redis, key, retention),
        group: (key, group, consumer) => new StreamGroupReader(redis, key, group, consumer),
        lease: (key, holder, ttlMs) => new RegionLease(redis, key, holder, ttlMs),
        tail,
      },
      connectors,
      metrics,
      logger,
      region: config.streams.region || config.slave_options.group_id || 'default',
      nodeId,
    },
    config.streams.max_per_org,
  );
  const regionLimit = new RegionConnectionLimit(new ConnectionSlots(redis, CONNECTION_SLOT_TTL_MS), nodeId);
  const endpoints = new StreamEndpoints(supervisor, metrics, regionLimit);
  return {
    supervisor,
    endpoints,
    close: async () => {
      endpoints.close();
      await supervisor.close();
      await tail.close();
    },
  };
}

/** The runtime's changes, as the stream supervisor takes them: one API, or all after a full build. */
export function followStreams(
  supervisor: StreamSupervisor,
  registry: ApiRegistry<CompiledApi>,
  apiIds: readonly string[] | 'all',
): void {
  if (apiIds === 'all') {
    const withStreams = [];
    for (const api of registry.streamApis()) withStreams.push(api.spec);
    supervisor.applyAll(withStreams, (apiId) => registry.api(apiId)?.spec);
  } else for (const apiId of apiIds) supervisor.applyApi(apiId, registry.api(apiId)?.spec);
}

/** A stream's status as the bridge's ReportStatus carries it. */
export function toReportedStatus(status: StreamStatus): ReportedStreamStatus {
  return {
    apiId: status.api_id,
    stream: status.stream,
    state: status.state,
    consumers: status.consumers,
    lastError: status.last_error ?? '',
    lastErrorAtMs: status.last_error_at ? Date.parse(status.last_error_at) : 0,
  };
}
