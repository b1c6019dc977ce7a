import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Ip,
  Param,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  acceptInviteSchema,
  createOrgSchema,
  createTokenSchema,
  loginSchema,
} from '@gatehouse/dashboard-domain';

import { AuthGuard, BodySchema, Caller } from './auth.guard';
import { AuthService } from './auth.service';
import type { Principal } from './principal';

/** Organisations are created by platform operators, with the admin secret. */
@Controller('orgs')
export class OrgsController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Post()
  @BodySchema(createOrgSchema)
  create(
    @Body() body: unknown,
    @Headers('x-gatehouse-admin-secret') secret: string | undefined,
    @Ip() ip: string,
    @Req() request: FastifyRequest,
  ) {
    return this.auth.createOrg(body, secret, ip, String(request.id));
  }
}

@Controller('auth')
export class SessionsController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @BodySchema(loginSchema)
  login(@Body() body: unknown, @Ip() ip: string) {
    return this.auth.login(body, ip);
  }

  @Post('accept-invitation')
  @HttpCode(200)
  @BodySchema(acceptInviteSchema)
  accept(@Body() body: unknown) {
    return this.auth.acceptInvitation(body);
  }
}

/** The caller's own identity and personal API tokens. */
@Controller('me')
@UseGuards(AuthGuard)
export class MeController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Get()
  me(@Caller() caller: Principal) {
    return { orgId: caller.orgId, userId: caller.userId, email: caller.email, role: caller.role };
  }

  @Post('tokens')
  @BodySchema(createTokenSchema)
  createToken(@Caller() caller: Principal, @Body() body: unknown) {
    return this.auth.createApiToken(caller, body);
  }

  @Get('tokens')
  tokens(@Caller() caller: Principal) {
    return this.auth.listApiTokens(caller);
  }

  @Delete('tokens/:id')
  @HttpCode(204)
  async revoke(@Caller() caller: Principal, @Param('id') id: string): Promise<void> {
    await this.auth.revokeApiToken(caller, id);
  }
}

/** The API's own OpenAPI document; set by the module, which knows the routes. */
export const OPENAPI_DOCUMENT = Symbol('OPENAPI_DOCUMENT');

@Controller()
export class OpenApiController {
  constructor(@Inject(OPENAPI_DOCUMENT) private readonly document: Record<string, unknown>) {}

  @Get('openapi.json')
  openapi() {
    return this.document;
  }
}
