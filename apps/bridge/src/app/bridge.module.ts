import { HandshakeService } from '@gatehouse/bridge-sessions';
import {
  Db,
  GatewayGroupRepository,
  GatewayNodeRepository,
  NodeTokenRepository,
} from '@gatehouse/shared-control-store';
import { DynamicModule, Module } from '@nestjs/common';

import { BridgeController } from './bridge.controller';

/** The gRPC side of the bridge: its controller and the services behind it, over the given database. */
@Module({})
export class BridgeModule {
  static forRoot(db: Db): DynamicModule {
    return {
      module: BridgeModule,
      controllers: [BridgeController],
      providers: [
        {
          provide: HandshakeService,
          useFactory: () =>
            new HandshakeService(
              new NodeTokenRepository(db),
              new GatewayGroupRepository(db),
              new GatewayNodeRepository(db),
            ),
        },
      ],
    };
  }
}
