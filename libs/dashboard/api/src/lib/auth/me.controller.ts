import { createTokenSchema } from '@gatehouse/dashboard-domain';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';

import { Caller, type Principal } from '../http/principal';
import { BodySchema } from '../http/route-metadata';
import { ApiTokensService } from './api-tokens.service';
import { AuthGuard } from './auth.guard';

/** The caller's own identity and personal API tokens. */
@Controller('me')
@UseGuards(AuthGuard)
export class MeController {
  constructor(@Inject(ApiTokensService) private readonly apiTokens: ApiTokensService) {}

  @Get()
  me(@Caller() caller: Principal) {
    return { orgId: caller.orgId, userId: caller.userId, email: caller.email, role: caller.role };
  }

  @Post('tokens')
  @BodySchema(createTokenSchema)
  createToken(@Caller() caller: Principal, @Body() body: unknown) {
    return this.apiTokens.create(caller, body);
  }

  @Get('tokens')
  tokens(@Caller() caller: Principal) {
    return this.apiTokens.list(caller);
  }

  @Delete('tokens/:id')
  @HttpCode(204)
  async revoke(@Caller() caller: Principal, @Param('id') id: string): Promise<void> {
    await this.apiTokens.revoke(caller, id);
  }
}
