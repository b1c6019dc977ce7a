import {
  auditQuery,
  changesQuerySchema,
  inviteUserSchema,
  pageSchema,
  updateUserSchema,
} from '@gatehouse/dashboard-domain';
import { apiDefinitionSchema } from '@gatehouse/shared-tyk-compat';
import { z } from 'zod';
import { NotFoundError, parseOrThrow } from '@gatehouse/shared-kernel';
import { Body, Controller, Get, Inject, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';

import { ApisService } from './apis.service';
import { AuthGuard, BodySchema, Caller, Requires } from './auth.guard';
import { AuthService } from './auth.service';
import { DASHBOARD_API_OPTIONS, DashboardApiOptions } from './dashboard-stores';
import { catalogueController } from './catalogue-controller.factory';
import { presentKeyChange } from './key-visibility';
import type { Principal } from './principal';
import { oneOrMany } from './stored-documents';

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
export class ApisController extends catalogueController({
  resource: 'apis',
  service: ApisService,
  bodySchema: apiDefinitionSchema,
  /** Tyk classic or OAS definitions, unchanged: one object or an array. */
  importSchema: z.union([apiDefinitionSchema, z.array(apiDefinitionSchema)]),
  documentKind: 'api',
  importedDocuments: oneOrMany,
}) {
  @Get(':id/export')
  @Requires('apis', 'read')
  export(@Caller() caller: Principal, @Param('id') id: string) {
    return this.service.exportClassic(caller, id);
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
      .slice(0, limit)
      .map((change) => presentKeyChange(caller, change));
  }

  @Get('audit')
  @Requires('audit', 'read')
  audit(@Caller() caller: Principal, @Query() query: unknown) {
    return this.options.stores.audit.query(caller.orgId, parseOrThrow(auditQuery, query));
  }
}
