import { inviteUserSchema, pageSchema, updateUserSchema } from '@gatehouse/dashboard-domain';
import { parseOrThrow } from '@gatehouse/shared-kernel';
import { Body, Controller, Get, Inject, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';

import { AuthGuard } from '../auth/auth.guard';
import { Caller, type Principal } from '../http/principal';
import { BodySchema, ConflictWhen, Requires } from '../http/route-metadata';
import { UsersService } from './users.service';

@Controller('users')
@UseGuards(AuthGuard)
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @Requires('users', 'read')
  list(@Caller() caller: Principal, @Query() query: unknown) {
    const page = parseOrThrow(pageSchema, query);
    return this.users.list(caller, page.limit, page.offset);
  }

  @Get(':id')
  @Requires('users', 'read')
  get(@Caller() caller: Principal, @Param('id') id: string) {
    return this.users.get(caller, id);
  }

  /** Invites a user; the answer carries the invitation secret once. */
  @Post()
  @Requires('users', 'write')
  @BodySchema(inviteUserSchema)
  @ConflictWhen('a user with this email exists in the organisation')
  invite(@Caller() caller: Principal, @Body() body: unknown) {
    return this.users.invite(caller, body);
  }

  @Patch(':id')
  @Requires('users', 'write')
  @BodySchema(updateUserSchema)
  update(@Caller() caller: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.users.update(caller, id, body);
  }
}
