import { createTokenSchema, permissionsOf } from '@gatehouse/dashboard-domain';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';

import { Caller, type Principal } from '../http/principal';
import { BodySchema, ResponseSchema } from '../http/route-metadata';
import { ApiTokensService } from './api-tokens.service';
import { issuedTokenSchema, meSchema, storedTokenSchema } from './auth.responses';
import { AuthGuard } from './auth.guard';

/** The caller's own identity and personal API tokens. */
@Controller('me')
@UseGuards(AuthGuard)
export class MeController {
  constructor(@Inject(ApiTokensService) private readonly apiTokens: ApiTokensService) {}

  /** Who the caller is, what its role may do, and when its login session ends. */
  @Get()
  @ResponseSchema(meSchema)
  me(@Caller() caller: Principal): z.output<typeof meSchema> {
    const { credential } = caller;
    return {
      orgId: caller.orgId,
      userId: caller.userId,
      email: caller.email,
      role: caller.role,
      permissions: permissionsOf(caller.role),
      tokenKind: credential.kind,
      ...(credential.kind === 'session' && credential.expiresAt
        ? { sessionExpiresAt: credential.expiresAt.toISOString() }
        : {}),
    };
  }

  @Post('tokens')
  @BodySchema(createTokenSchema)
  @ResponseSchema(issuedTokenSchema)
  createToken(@Caller() caller: Principal, @Body() body: unknown) {
    return this.apiTokens.create(caller, body);
  }

  @Get('tokens')
  @ResponseSchema(z.array(storedTokenSchema))
  tokens(@Caller() caller: Principal) {
    return this.apiTokens.list(caller);
  }

  @Delete('tokens/:id')
  @HttpCode(204)
  async revoke(@Caller() caller: Principal, @Param('id') id: string): Promise<void> {
    await this.apiTokens.revoke(caller, id);
  }
}
