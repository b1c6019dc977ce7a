import { HandshakeService, NodeAuthenticator } from '@gatehouse/bridge-sessions';
import { NodeCallsService } from '@gatehouse/bridge-sync';
import {
  CatalogueChangeLog,
  Db,
  GatewayGroupRepository,
  GatewayNodeRepository,
  NodeTokenRepository,
} from '@gatehouse/shared-control-store';
import type { AnalyticsIntakeStream } from '@gatehouse/shared-keyspace';
import { DynamicModule, Module } from '@nestjs/common';

import { BRIDGE_METRICS, BridgeController, WATCH_DEPENDENCIES, WatchDependencies } from './bridge.controller';
import type { BridgeMetrics } from './bridge-metrics';

export interface BridgeModuleOptions {
  db: Db;
  changeLog: CatalogueChangeLog;
  signals: WatchDependencies['signals'];
  watch: WatchDependencies['options'];
  analytics: AnalyticsIntakeStream;
  metrics: BridgeMetrics;
}

/** The gRPC side of the bridge: its controller and the services behind it. */
@Module({})
export class BridgeModule {
  static forRoot(options: BridgeModuleOptions): DynamicModule {
    const { db, changeLog } = options;
    const tokens = new NodeTokenRepository(db);
    const groups = new GatewayGroupRepository(db);
    const nodes = new GatewayNodeRepository(db);
    const watch: WatchDependencies = { log: changeLog, signals: options.signals, options: options.watch };
    return {
      module: BridgeModule,
      controllers: [BridgeController],
      providers: [
        { provide: HandshakeService, useValue: new HandshakeService(tokens, groups, nodes) },
        { provide: NodeAuthenticator, useValue: new NodeAuthenticator(tokens, groups) },
        {
          provide: NodeCallsService,
          useValue: new NodeCallsService(
            { find: (orgId, keyHash) => changeLog.findKey(orgId, keyHash) },
            nodes,
            options.analytics,
          ),
        },
        { provide: WATCH_DEPENDENCIES, useValue: watch },
        { provide: BRIDGE_METRICS, useValue: options.metrics },
      ],
    };
  }
}
