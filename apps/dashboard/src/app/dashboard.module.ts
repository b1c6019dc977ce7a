import { RuntimeModule } from '@gatehouse/shared-app-runtime';
import { Db, mongoProbe } from '@gatehouse/shared-control-store';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-model';
import { Registry } from '@gatehouse/shared-observability';
import { DynamicModule, Module } from '@nestjs/common';

export interface DashboardModuleOptions {
  db: Db;
  registry: Registry;
}

/** The dashboard's composition root: main.ts connects the infrastructure and hands it in. */
@Module({})
export class DashboardModule {
  static forRoot(options: DashboardModuleOptions): DynamicModule {
    return {
      module: DashboardModule,
      imports: [
        RuntimeModule.forRoot({
          component: { name: 'dashboard', version: GATEHOUSE_VERSION },
          registry: options.registry,
          probes: [mongoProbe(options.db)],
        }),
      ],
    };
  }
}
