import { auditQuery } from '@gatehouse/dashboard-domain';
import { Controller, Get, Inject, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

import { AuthGuard } from '../auth/auth.guard';
import { answerPage } from '../http/paged';
import { Caller, type Principal } from '../http/principal';
import { QuerySchema, Requires, ResponseSchema, TotalCount } from '../http/route-metadata';
import { auditEntrySchema } from './audit.responses';
import { AuditService } from './audit.service';

@Controller('audit')
@UseGuards(AuthGuard)
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  @Requires('audit', 'read')
  @QuerySchema(auditQuery)
  @ResponseSchema(z.array(auditEntrySchema))
  @TotalCount()
  async list(
    @Caller() caller: Principal,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answerPage(reply, await this.audit.query(caller.orgId, query));
  }
}
