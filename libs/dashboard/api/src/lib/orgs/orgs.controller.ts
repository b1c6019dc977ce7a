import { createOrgSchema } from '@gatehouse/dashboard-domain';
import { Body, Controller, Headers, Inject, Ip, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import { BodySchema, ConflictWhen, ResponseSchema } from '../http/route-metadata';
import { createdOrgSchema } from './org.responses';
import { OrgsService } from './orgs.service';

/** Organisations are created by platform operators, with the admin secret. */
@Controller('orgs')
export class OrgsController {
  constructor(@Inject(OrgsService) private readonly orgs: OrgsService) {}

  @Post()
  @BodySchema(createOrgSchema)
  @ConflictWhen('an organisation with this slug exists')
  @ResponseSchema(createdOrgSchema)
  create(
    @Body() body: unknown,
    @Headers('x-gatehouse-admin-secret') secret: string | undefined,
    @Ip() ip: string,
    @Req() request: FastifyRequest,
  ) {
    return this.orgs.create(body, secret, ip, String(request.id));
  }
}
