import type { HybridModeOptions } from '@gatehouse/gateway-hybrid';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-kernel';
import type { Redis } from '@gatehouse/shared-redis';
import { hostname } from 'node:os';

import type { GatewayConfig } from './gateway.config';

/** Hybrid mode's settings from tyk.conf's slave_options plus Gatehouse's `hybrid` block. */
export function hybridOptions(config: GatewayConfig): HybridModeOptions {
  const { slave_options: rpc, hybrid } = config;
  return {
    addresses: rpc.connection_string
      .split(',')
      .map((address) => address.trim())
      .filter(Boolean),
    nodeToken: rpc.api_key,
    orgId: rpc.rpc_key,
    groupId: rpc.group_id,
    nodeId: hybrid.node_id || `${hostname()}-${process.pid}`,
    version: GATEHOUSE_VERSION,
    tags: config.db_app_conf_options.tags,
    stallTimeoutMs: hybrid.stall_timeout_ms,
    reconnectMaxMs: hybrid.reconnect_max_ms,
    callTimeoutMs: rpc.call_timeout * 1000,
    migrateFrom: config.key_hashing.migrate_from,
    backfillsPerSecond: hybrid.backfills_per_second,
    statusIntervalMs: hybrid.status_interval_ms,
    initialSyncTimeoutMs: hybrid.initial_sync_timeout_ms,
    snapshotIntervalMs: hybrid.snapshot_interval_ms,
  };
}

/** Resolves once Redis is connected, or after `timeoutMs` (the gateway then starts without it). */
export function redisReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
    function done(): void {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    }
  });
}
