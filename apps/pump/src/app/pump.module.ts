import { RuntimeModule } from '@gatehouse/shared-app-runtime';
import { Redis, redisProbe } from '@gatehouse/shared-keyspace';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-model';
import { Registry } from '@gatehouse/shared-observability';
import { DynamicModule, Module } from '@nestjs/common';

export interface PumpModuleOptions {
  redis: Redis;
  registry: Registry;
}

/** The pump's composition root: main.ts connects the infrastructure and hands it in. */
@Module({})
export class PumpModule {
  static forRoot(options: PumpModuleOptions): DynamicModule {
    return {
      module: PumpModule,
      imports: [
        RuntimeModule.forRoot({
          component: { name: 'pump', version: GATEHOUSE_VERSION },
          registry: options.registry,
          probes: [redisProbe(options.redis)],
        }),
      ],
    };
  }
}
