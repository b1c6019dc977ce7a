import { acceptInviteSchema, loginSchema } from '@gatehouse/dashboard-domain';
import { Body, Controller, HttpCode, Inject, Ip, Post } from '@nestjs/common';

import { BodySchema } from '../http/route-metadata';
import { AuthService } from './auth.service';

/** Logging in and accepting an invitation: the two ways to a login session, both public. */
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
