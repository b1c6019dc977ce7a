import { inviteUserSchema, pageSchema, updateUserSchema } from '@gatehouse/dashboard-domain';
import { Body, Controller, Get, Inject, Param, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

import { AuthGuard } from '../auth/auth.guard';
import { answerPage } from '../http/paged';
import { Caller, type Principal } from '../http/principal';
import { BodySchema, ConflictWhen, ListRoute, Requires, ResponseSchema } from '../http/route-metadata';
import { invitedUserSchema, userSchema } from './user.responses';
import { UsersService } from './users.service';

@Controller('users')
@UseGuards(AuthGuard)
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @ListRoute('users', pageSchema, userSchema)
  async list(
    @Caller() caller: Principal,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answerPage(reply, await this.users.list(caller, query));
  }

  @Get(':id')
  @Requires('users', 'read')
  @ResponseSchema(userSchema)
  get(@Caller() caller: Principal, @Param('id') id: string) {
    return this.users.get(caller, id);
  }

  /** Invites a user; the answer carries the invitation secret once. */
  @Post()
  @Requires('users', 'write')
  @BodySchema(inviteUserSchema)
  @ConflictWhen('a user with this email exists in the organisation')
  @ResponseSchema(invitedUserSchema)
  invite(@Caller() caller: Principal, @Body() body: unknown) {
    return this.users.invite(caller, body);
  }

  @Patch(':id')
  @Requires('users', 'write')
  @BodySchema(updateUserSchema)
  @ResponseSchema(userSchema)
  update(@Caller() caller: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.users.update(caller, id, body);
  }
}
