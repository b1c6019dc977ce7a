import type { DependencyProbe } from '@gatehouse/shared-kernel';
import type { Registry } from '@gatehouse/shared-observability';
import { DynamicModule, Module } from '@nestjs/common';

import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsController } from './metrics.controller';
import { COMPONENT_INFO, ComponentInfo, DEPENDENCY_PROBES, METRICS_REGISTRY } from './tokens';

export interface RuntimeModuleOptions {
  component: ComponentInfo;
  registry: Registry;
  probes: DependencyProbe[];
}

/** Mounts `/health` and `/metrics` for a process, over the probes and registry it supplies. */
@Module({})
export class RuntimeModule {
  static forRoot(options: RuntimeModuleOptions): DynamicModule {
    return {
      module: RuntimeModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers: [
        HealthService,
        { provide: COMPONENT_INFO, useValue: options.component },
        { provide: METRICS_REGISTRY, useValue: options.registry },
        { provide: DEPENDENCY_PROBES, useValue: options.probes },
      ],
      exports: [HealthService, METRICS_REGISTRY],
    };
  }
}
