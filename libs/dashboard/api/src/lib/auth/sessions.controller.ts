import { acceptInviteSchema, loginSchema } from '@gatehouse/dashboard-domain';
import { Body, Controller, HttpCode, Inject, Ip, Post, UseGuards } from '@nestjs/common';

import { Caller, type Principal } from '../http/principal';
import { BodySchema, ResponseSchema } from '../http/route-metadata';
import { issuedTokenSchema } from './auth.responses';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LogoutService } from './logout.service';

/** Logging in and accepting an invitation (the two ways to a login session, both public); logging out. */
@Controller('auth')
export class SessionsController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(LogoutService) private readonly sessions: LogoutService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @BodySchema(loginSchema)
  @ResponseSchema(issuedTokenSchema)
  login(@Body() body: unknown, @Ip() ip: string) {
    return this.auth.login(body, ip);
  }

  @Post('accept-invitation')
  @HttpCode(200)
  @BodySchema(acceptInviteSchema)
  @ResponseSchema(issuedTokenSchema)
  accept(@Body() body: unknown) {
    return this.auth.acceptInvitation(body);
  }

  /** Ends the calling login session (an API token answers 400: revoke it under /me/tokens). */
  @Post('logout')
  @HttpCode(204)
  @UseGuards(AuthGuard)
  async logout(@Caller() caller: Principal): Promise<void> {
    await this.sessions.logout(caller);
  }
}
