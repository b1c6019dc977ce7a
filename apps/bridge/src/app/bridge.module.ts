import { HandshakeService } from '@gatehouse/bridge-sessions';
import { RuntimeModule } from '@gatehouse/shared-app-runtime';
import { Db, GatewayGroupRepository, mongoProbe, NodeTokenRepository } from '@gatehouse/shared-control-store';
import { Redis, redisProbe } from '@gatehouse/shared-keyspace';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-model';
import { Registry } from '@gatehouse/shared-observability';
import { DynamicModule, Module } from '@nestjs/common';

import { BridgeController } from './bridge.controller';

export interface BridgeModuleOptions {
  db: Db;
  redis: Redis;
  registry: Registry;
}

/** The bridge's composition root: main.ts connects the infrastructure and hands it in. */
@Module({})
export class BridgeModule {
  static forRoot(options: BridgeModuleOptions): DynamicModule {
    return {
      module: BridgeModule,
      imports: [
        RuntimeModule.forRoot({
          component: { name: 'bridge', version: GATEHOUSE_VERSION },
          registry: options.registry,
          probes: [mongoProbe(options.db), redisProbe(options.redis)],
        }),
      ],
      controllers: [BridgeController],
      providers: [
        {
          provide: HandshakeService,
          useFactory: () =>
            new HandshakeService(new NodeTokenRepository(options.db), new GatewayGroupRepository(options.db)),
        },
      ],
    };
  }
}
