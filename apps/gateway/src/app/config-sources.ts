import type { StreamStatus } from '@gatehouse/shared-proto';
import { apiDefinitionFolder, DefinitionFolders, policyFolder } from '@gatehouse/gateway-definitions';
import type { BackfillOutcome, HybridMode } from '@gatehouse/gateway-hybrid';
import { EmergencySnapshotRepository } from '@gatehouse/gateway-storage';
import type { ConfigSource } from '@gatehouse/gateway-runtime';
import type { Logger } from '@gatehouse/shared-observability';

import type { GatewayConfig } from './gateway.config';
import { bridgeTls } from './bridge-tls';
import { hybridOptions, redisReady } from './hybrid-options';
import type { RegionalStorage } from './regional-storage';

/** Standalone: Tyk's app_path and policy_path; an unset one holds nothing and refuses writes. */
export function definitionFolders(config: GatewayConfig): DefinitionFolders {
  const policyPath = config.policies.policy_path || config.policies.policy_record_name;
  return new DefinitionFolders({
    api: config.app_path ? apiDefinitionFolder(config.app_path) : 'app_path',
    policy: policyPath ? policyFolder(policyPath) : 'policies.policy_path',
  });
}

/** The hybrid mode's mirror, or the standalone folders (which can also be watched). */
export function configSourceOf(
  config: GatewayConfig,
  hybrid: HybridMode | undefined,
): { source: ConfigSource; folders?: DefinitionFolders } {
  if (hybrid) return { source: hybrid.mirror };
  const folders = definitionFolders(config);
  return { source: folders, folders };
}

/**
 * Hybrid: the control plane through a bridge, with the emergency snapshot in regional Redis. Loaded
 * only in this mode: gRPC and the bridge client are about 1 MB of source a standalone gateway would
 * otherwise keep in memory for nothing.
 */
export async function hybridMode(
  config: GatewayConfig,
  storage: RegionalStorage,
  logger: Logger,
  observed: {
    requestsTotal: () => number;
    backfilled: (outcome: BackfillOutcome) => void;
    streams: () => StreamStatus[];
  },
): Promise<HybridMode> {
  const { HybridMode } = await import('@gatehouse/gateway-hybrid');
  return new HybridMode(hybridOptions(config), {
    tls: await bridgeTls(config.slave_options, logger),
    snapshotStore: new EmergencySnapshotRepository(
      storage.redis,
      config.slave_options.rpc_key,
      config.slave_options.group_id,
    ),
    regionReady: () => redisReady(storage.redis, config.hybrid.initial_sync_timeout_ms),
    sessions: storage.sessions,
    requestsTotal: observed.requestsTotal,
    streams: observed.streams,
    logger,
    backfilled: observed.backfilled,
  });
}
