import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';

import { AuthGuard } from '../auth/auth.guard';
import { Caller, type Principal } from '../http/principal';
import { Requires } from '../http/route-metadata';
import { AuditService } from './audit.service';

@Controller('audit')
@UseGuards(AuthGuard)
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  @Requires('audit', 'read')
  list(@Caller() caller: Principal, @Query() query: unknown) {
    return this.audit.query(caller.orgId, query);
  }
}
