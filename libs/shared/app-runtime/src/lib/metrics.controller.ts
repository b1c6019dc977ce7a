import type { Registry } from '@gatehouse/shared-observability';
import { Controller, Get, Header, Inject } from '@nestjs/common';

import { METRICS_REGISTRY } from './tokens';

/** `GET /metrics` in the Prometheus text format. */
@Controller()
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
