import { changesQuerySchema } from '@gatehouse/dashboard-domain';
import { parseOrThrow } from '@gatehouse/shared-kernel';
import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';

import { AuthGuard } from '../auth/auth.guard';
import { Caller, type Principal } from '../http/principal';
import { QuerySchema, Requires, ResponseSchema } from '../http/route-metadata';
import { presentKeyChange } from '../keys/key-visibility';
import { changeSchema } from './change.responses';
import { ChangesService } from './changes.service';

@Controller('changes')
@UseGuards(AuthGuard)
export class ChangesController {
  constructor(@Inject(ChangesService) private readonly changes: ChangesService) {}

  /** Changes with `rev > after`, oldest first; follow with a look-back window (see docs). */
  @Get()
  @Requires('changes', 'read')
  @QuerySchema(changesQuerySchema)
  @ResponseSchema(z.array(changeSchema))
  async list(@Caller() caller: Principal, @Query() query: unknown) {
    const { after, limit } = parseOrThrow(changesQuerySchema, query);
    const changes = await this.changes.after(caller.orgId, after, limit);
    return changes.map((change) => presentKeyChange(caller, change));
  }
}
