import { auditQuery } from '@gatehouse/dashboard-domain';
import { Controller, Inject, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

import { AuthGuard } from '../auth/auth.guard';
import { answerPage } from '../http/paged';
import { Caller, type Principal } from '../http/principal';
import { ListRoute } from '../http/route-metadata';
import { auditEntrySchema } from './audit.responses';
import { AuditService } from './audit.service';

@Controller('audit')
@UseGuards(AuthGuard)
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @ListRoute('audit', auditQuery, auditEntrySchema)
  async list(
    @Caller() caller: Principal,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answerPage(reply, await this.audit.query(caller.orgId, query));
  }
}
