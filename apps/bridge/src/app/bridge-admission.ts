import { NodeCallLimits, WatchRegistry } from '@gatehouse/bridge-sync';
import { FairConcurrencyLimiter } from '@gatehouse/shared-admission';

import type { BridgeConfig } from './bridge.config';
import type { BridgeMetrics } from './bridge-metrics';
import { FairDatabase } from './fair-database';

/** The bounds this bridge puts on each node token and org, built from its settings. */
export interface BridgeAdmission {
  calls: NodeCallLimits;
  watches: WatchRegistry;
  database: FairDatabase;
  /** How long an unknown or revoked token is remembered. */
  unknownTokenCacheMs: number;
}

export function bridgeAdmission(limits: BridgeConfig['limits'], metrics: BridgeMetrics): BridgeAdmission {
  return {
    calls: new NodeCallLimits({
      perToken: { perSecond: limits.callsPerSecondPerToken, burst: limits.callBurstPerToken },
      perOrg: { perSecond: limits.callsPerSecondPerOrg, burst: limits.callBurstPerOrg },
    }),
    watches: new WatchRegistry(
      { perToken: limits.watchStreamsPerToken, perOrg: limits.watchStreamsPerOrg },
      {
        opened: (open) => metrics.watchStreams(open),
        replaced: () => metrics.watchReplaced(),
        refused: () => metrics.callRefused('Watch', 'streams'),
      },
    ),
    database: new FairDatabase(
      new FairConcurrencyLimiter(
        {
          perKey: limits.databaseReadsPerOrg,
          total: limits.databaseReads,
          queuedPerKey: limits.queuedReadsPerOrg,
          queuedTotal: limits.queuedReads,
          queueTimeoutMs: limits.readQueueTimeoutMs,
        },
        'database reads',
      ),
    ),
    unknownTokenCacheMs: limits.unknownTokenCacheMs,
  };
}
