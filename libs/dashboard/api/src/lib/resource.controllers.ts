import {
  auditQuery,
  changesQuerySchema,
  inviteUserSchema,
  pageSchema,
  updateUserSchema,
} from '@gatehouse/dashboard-domain';
import { apiDefinitionSchema } from '@gatehouse/shared-tyk-compat';
import { z } from 'zod';
import { NotFoundError, parseOrThrow } from '@gatehouse/shared-model';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';

import { ApisService } from './apis.service';
import { AuthGuard, BodySchema, Caller, Requires } from './auth.guard';
import { AuthService } from './auth.service';
import { DASHBOARD_API_OPTIONS, DashboardApiOptions } from './dashboard-stores';
import type { Principal } from './principal';

@Controller('users')
@UseGuards(AuthGuard)
export class UsersController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(DASHBOARD_API_OPTIONS) private readonly options: DashboardApiOptions,
  ) {}

  @Get()
  @Requires('users', 'read')
  list(@Caller() caller: Principal, @Query() query: unknown) {
    const page = parseOrThrow(pageSchema, query);
    return this.options.stores.users.list(caller.orgId, page.limit, page.offset);
  }

  @Get(':id')
  @Requires('users', 'read')
  async get(@Caller() caller: Principal, @Param('id') id: string) {
    const user = await this.options.stores.users.get(caller.orgId, id);
    if (!user) throw new NotFoundError('user not found');
    return user;
  }

  /** Invites a user; the answer carries the invitation secret once. */
  @Post()
  @Requires('users', 'write')
  @BodySchema(inviteUserSchema)
  invite(@Caller() caller: Principal, @Body() body: unknown) {
    return this.auth.invite(caller, body);
  }

  @Patch(':id')
  @Requires('users', 'write')
  @BodySchema(updateUserSchema)
  update(@Caller() caller: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.auth.updateUser(caller, id, body);
  }
}

@Controller('apis')
@UseGuards(AuthGuard)
export class ApisController {
  constructor(@Inject(ApisService) private readonly apis: ApisService) {}

  @Get()
  @Requires('apis', 'read')
  list(@Caller() caller: Principal, @Query() query: unknown) {
    const page = parseOrThrow(pageSchema, query);
    return this.apis.list(caller, page.limit, page.offset);
  }

  @Post()
  @Requires('apis', 'write')
  @BodySchema(apiDefinitionSchema)
  create(@Caller() caller: Principal, @Body() body: unknown) {
    return this.apis.create(caller, body);
  }

  /** Tyk classic or OAS definitions, unchanged: one object or an array. */
  @Post('import')
  @HttpCode(200)
  @Requires('apis', 'write')
  @BodySchema(z.union([apiDefinitionSchema, z.array(apiDefinitionSchema)]))
  import(@Caller() caller: Principal, @Body() body: unknown) {
    return this.apis.import(caller, body);
  }

  @Get(':id')
  @Requires('apis', 'read')
  get(@Caller() caller: Principal, @Param('id') id: string) {
    return this.apis.get(caller, id);
  }

  @Get(':id/export')
  @Requires('apis', 'read')
  export(@Caller() caller: Principal, @Param('id') id: string) {
    return this.apis.exportClassic(caller, id);
  }

  @Put(':id')
  @Requires('apis', 'write')
  @BodySchema(apiDefinitionSchema)
  replace(@Caller() caller: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.apis.replace(caller, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Requires('apis', 'write')
  async delete(@Caller() caller: Principal, @Param('id') id: string): Promise<void> {
    await this.apis.delete(caller, id);
  }
}

@Controller()
@UseGuards(AuthGuard)
export class ChangesAndAuditController {
  constructor(@Inject(DASHBOARD_API_OPTIONS) private readonly options: DashboardApiOptions) {}

  /** Changes with `rev > after`, oldest first; follow with a look-back window (see docs). */
  @Get('changes')
  @Requires('changes', 'read')
  async changes(@Caller() caller: Principal, @Query() query: unknown) {
    const { after, limit } = parseOrThrow(changesQuerySchema, query);
    const { apis, policies, keys } = this.options.stores;
    const lists = await Promise.all(
      [apis, policies, keys].map((store) => store.changesAfter(caller.orgId, after, limit)),
    );
    return lists
      .flat()
      .sort((a, b) => a.rev - b.rev)
      .slice(0, limit);
  }

  @Get('audit')
  @Requires('audit', 'read')
  audit(@Caller() caller: Principal, @Query() query: unknown) {
    return this.options.stores.audit.query(caller.orgId, parseOrThrow(auditQuery, query));
  }
}
