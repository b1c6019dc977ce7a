import { HandshakeService, NodeAuthenticator } from '@gatehouse/bridge-sessions';
import { NodeCallsService } from '@gatehouse/bridge-sync';
import {
  type AnnouncedChanges,
  CatalogueChangeLog,
  Db,
  GatewayGroupRepository,
  GatewayNodeRepository,
  NodeTokenRepository,
} from '@gatehouse/shared-control-plane-db';
import type { AnalyticsIntakeStream } from '@gatehouse/shared-redis';
import type { Logger } from '@gatehouse/shared-observability';
import type { OrgKeyHashing } from '@gatehouse/shared-tyk-compat';
import { DynamicModule, Module } from '@nestjs/common';

import {
  BRIDGE_LOGGER,
  BRIDGE_METRICS,
  BridgeController,
  WATCH_DEPENDENCIES,
  WatchDependencies,
} from './bridge.controller';
import type { BridgeMetrics } from './bridge-metrics';
import type { BridgeAdmission } from './bridge-admission';
import { ADMISSION_METRICS, NODE_CALL_LIMITS } from './node-call-admission.interceptor';

export interface BridgeModuleOptions {
  db: Db;
  changeLog: CatalogueChangeLog;
  /** The dashboard's announced entries, which Watch streams read before the change log. */
  announced?: AnnouncedChanges;
  signals: WatchDependencies['signals'];
  watch: WatchDependencies['options'];
  analytics: AnalyticsIntakeStream;
  metrics: BridgeMetrics;
  /** Call rates, Watch stream caps and fair database shares per token and org. */
  admission: BridgeAdmission;
  keyHashing: OrgKeyHashing;
  logger: Logger;
}

/** The gRPC side of the bridge: its controller and the services behind it. */
@Module({})
export class BridgeModule {
  static forRoot(options: BridgeModuleOptions): DynamicModule {
    const { db, changeLog, admission, announced } = options;
    // Every database operation of a node's call waits in its org's share (see FairDatabase).
    const fair = admission.database;
    const tokens = fair.tokens(new NodeTokenRepository(db));
    const groups = fair.groups(new GatewayGroupRepository(db));
    const nodes = fair.nodes(new GatewayNodeRepository(db));
    const watch: WatchDependencies = {
      logOf: (orgId) => ({
        ...fair.changeLogOf(changeLog, orgId),
        // Memory, not the database: no share of it to wait for.
        announcedAfter: announced && ((org, after, limit) => announced.read(org, after, limit)),
      }),
      signals: options.signals,
      options: options.watch,
      registry: admission.watches,
    };
    return {
      module: BridgeModule,
      controllers: [BridgeController],
      providers: [
        {
          provide: HandshakeService,
          useValue: new HandshakeService(tokens, groups, nodes, options.keyHashing),
        },
        {
          provide: NodeAuthenticator,
          useValue: new NodeAuthenticator(tokens, groups, 5000, Date.now, admission.unknownTokenCacheMs),
        },
        {
          provide: NodeCallsService,
          useValue: new NodeCallsService(fair.keys(changeLog), nodes, options.analytics),
        },
        { provide: WATCH_DEPENDENCIES, useValue: watch },
        { provide: BRIDGE_METRICS, useValue: options.metrics },
        { provide: BRIDGE_LOGGER, useValue: options.logger },
        { provide: NODE_CALL_LIMITS, useValue: admission.calls },
        { provide: ADMISSION_METRICS, useValue: options.metrics },
      ],
    };
  }
}
