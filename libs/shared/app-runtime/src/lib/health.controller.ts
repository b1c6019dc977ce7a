import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

import { HealthReport, HealthService } from './health.service';

/** `GET /health`: 200 when every real dependency answers, 503 otherwise, with one entry per dependency. */
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('health')
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.report();
    reply.status(report.status === 'pass' ? 200 : 503);
    return report;
  }
}
