import { RuntimeModule } from '@gatehouse/shared-app-runtime';
import { Redis, redisProbe } from '@gatehouse/shared-keyspace';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-model';
import { Registry } from '@gatehouse/shared-observability';
import { DynamicModule, Module } from '@nestjs/common';

export interface GatewayControlModuleOptions {
  redis: Redis;
  registry: Registry;
}

/** The gateway's control surface on its own port; never on the request path. */
@Module({})
export class GatewayControlModule {
  static forRoot(options: GatewayControlModuleOptions): DynamicModule {
    return {
      module: GatewayControlModule,
      imports: [
        RuntimeModule.forRoot({
          component: { name: 'gateway', version: GATEHOUSE_VERSION },
          registry: options.registry,
          probes: [redisProbe(options.redis)],
        }),
      ],
    };
  }
}
