import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

import type { OAuthClientAnswer } from './oauth-admin.types';
import { OAuthClientsService } from './oauth-clients.service';
import { OAuthRevocationService, StatusMessage } from './oauth-revocation.service';
import { TykAuthGuard } from './tyk-auth.guard';
import type { ModifyResponse } from './tyk-api.types';

/**
 * `/tyk/oauth`: Tyk's OAuth client registration and token revocation. The revoke routes read form
 * fields (`application/x-www-form-urlencoded`, see the control app's form paths) or a JSON object.
 */
@Controller('tyk/oauth')
@UseGuards(TykAuthGuard)
export class OAuthClientsController {
  constructor(
    @Inject(OAuthClientsService) private readonly clients: OAuthClientsService,
    @Inject(OAuthRevocationService) private readonly revocation: OAuthRevocationService,
  ) {}

  @Post('clients/create')
  @HttpCode(200)
  create(@Body() body: unknown): Promise<OAuthClientAnswer> {
    return this.clients.create(body);
  }

  /** Sent by hand: Tyk answers an unknown API with 404 and the body `null`, which Nest would send empty. */
  @Get('clients/:apiId')
  async list(@Param('apiId') apiId: string, @Res() reply: FastifyReply): Promise<void> {
    const clients = await this.clients.list(apiId);
    await reply
      .status(clients === null ? 404 : 200)
      .type('application/json')
      .send(JSON.stringify(clients));
  }

  @Get('clients/:apiId/:clientId')
  get(@Param('apiId') apiId: string, @Param('clientId') clientId: string): Promise<OAuthClientAnswer> {
    return this.clients.get(apiId, clientId);
  }

  @Delete('clients/:apiId/:clientId')
  delete(@Param('apiId') apiId: string, @Param('clientId') clientId: string): Promise<ModifyResponse> {
    return this.clients.delete(apiId, clientId);
  }

  @Post('revoke')
  @HttpCode(200)
  revoke(@Body() body: unknown): Promise<StatusMessage> {
    return this.revocation.revoke(body);
  }

  @Post('revoke_all')
  @HttpCode(200)
  revokeAll(@Body() body: unknown): Promise<StatusMessage> {
    return this.revocation.revokeAll(body);
  }
}
