import { GATEHOUSE_VERSION, InvalidInputError } from '@gatehouse/shared-kernel';
import { Controller, Get, Inject, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

import { TykAuthGuard } from './tyk-auth.guard';
import { GATEWAY_API_OPTIONS, GatewayApiOptions } from './tyk-api.types';

interface HelloCheck {
  status: 'pass' | 'fail';
  componentType: string;
  time: string;
  output?: string;
}

/** Tyk's unauthenticated liveness answer: `GET /hello`. */
@Controller()
export class HelloController {
  constructor(@Inject(GATEWAY_API_OPTIONS) private readonly options: GatewayApiOptions) {}

  @Get('hello')
  async hello(@Res({ passthrough: true }) reply: FastifyReply) {
    const details: Record<string, HelloCheck> = {};
    for (const probe of this.options.probes) {
      try {
        await probe.probe();
        details[probe.name] = {
          status: 'pass',
          componentType: probe.componentType,
          time: new Date().toISOString(),
        };
      } catch (error) {
        details[probe.name] = {
          status: 'fail',
          componentType: probe.componentType,
          time: new Date().toISOString(),
          output: (error as Error).message,
        };
      }
    }
    const failing = Object.values(details).some((check) => check.status === 'fail');
    // Tyk answers "warn" (still 200) when Redis is down: the gateway keeps serving what it can.
    reply.status(200);
    return { status: failing ? 'warn' : 'pass', version: GATEHOUSE_VERSION, description: 'Tyk GW', details };
  }
}

/** `GET /tyk/reload` (this gateway) and `/tyk/reload/group` (every gateway of the cluster). */
@Controller('tyk/reload')
@UseGuards(TykAuthGuard)
export class ReloadController {
  constructor(@Inject(GATEWAY_API_OPTIONS) private readonly options: GatewayApiOptions) {}

  @Get()
  async reload() {
    const result = await this.options.reloader.reload();
    if (!result.ok) throw new InvalidInputError(result.errors.map((message) => ({ path: '', message })));
    return { status: 'ok', message: '' };
  }

  @Get('group')
  async reloadGroup() {
    await this.options.reloadGroup();
    return { status: 'ok', message: '' };
  }
}
