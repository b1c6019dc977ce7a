import { policySchema, sessionStateSchema } from '@gatehouse/shared-tyk-compat';
import { z } from 'zod';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';

import { AuthGuard, BodySchema, Caller, Requires } from './auth.guard';
import { gatewayGroupBodySchema, GatewayGroupsService } from './gateway-groups.service';
import { keyImportSchema, KeysService } from './keys.service';
import { importedPolicies, PoliciesService } from './policies.service';
import { catalogueController } from './catalogue-controller.factory';
import type { Principal } from './principal';
import { BodyDocument, StoredDocuments } from './stored-documents';

/** The sessions inside a key import (each entry is `{key | key_hash, session}`). */
const importedKeys = (body: unknown): BodyDocument[] =>
  Array.isArray(body)
    ? body.map((entry, index) => ({
        path: `${index}.session`,
        document: (entry as { session?: unknown })?.session,
      }))
    : [{ path: '', document: body }];

@Controller('policies')
@UseGuards(AuthGuard)
export class PoliciesController extends catalogueController({
  resource: 'policies',
  service: PoliciesService,
  bodySchema: policySchema,
  /** Tyk policy JSON unchanged: one policy, an array, or a `{ "<id>": policy }` map. */
  importSchema: z.union([policySchema, z.array(policySchema), z.record(z.string(), policySchema)]),
  documentKind: 'policy',
  importedDocuments: importedPolicies,
}) {}

@Controller('keys')
@UseGuards(AuthGuard)
export class KeysController {
  constructor(@Inject(KeysService) private readonly keys: KeysService) {}

  @Get()
  @Requires('keys', 'read')
  list(@Caller() caller: Principal, @Query() query: unknown) {
    return this.keys.list(caller, query);
  }

  /** Creates a key; the answer holds the raw key, which is never shown again. */
  @Post()
  @Requires('keys', 'write')
  @BodySchema(sessionStateSchema)
  @StoredDocuments('key')
  create(@Caller() caller: Principal, @Body() body: unknown) {
    return this.keys.create(caller, body);
  }

  @Post('import')
  @HttpCode(200)
  @Requires('keys', 'write')
  @BodySchema(keyImportSchema)
  @StoredDocuments('key', importedKeys)
  import(@Caller() caller: Principal, @Body() body: unknown) {
    return this.keys.import(caller, body);
  }

  @Get(':hash')
  @Requires('keys', 'read')
  get(@Caller() caller: Principal, @Param('hash') hash: string) {
    return this.keys.get(caller, hash);
  }

  @Put(':hash')
  @Requires('keys', 'write')
  @BodySchema(sessionStateSchema)
  @StoredDocuments('key')
  update(@Caller() caller: Principal, @Param('hash') hash: string, @Body() body: unknown) {
    return this.keys.update(caller, hash, body);
  }

  @Post(':hash/reset-quota')
  @HttpCode(200)
  @Requires('keys', 'write')
  resetQuota(@Caller() caller: Principal, @Param('hash') hash: string) {
    return this.keys.resetQuota(caller, hash);
  }

  @Delete(':hash')
  @HttpCode(204)
  @Requires('keys', 'write')
  async revoke(@Caller() caller: Principal, @Param('hash') hash: string): Promise<void> {
    await this.keys.revoke(caller, hash);
  }
}

@Controller('gateway-groups')
@UseGuards(AuthGuard)
export class GatewayGroupsController {
  constructor(@Inject(GatewayGroupsService) private readonly groups: GatewayGroupsService) {}

  @Get()
  @Requires('gateway-groups', 'read')
  list(@Caller() caller: Principal) {
    return this.groups.list(caller.orgId);
  }

  @Post()
  @Requires('gateway-groups', 'write')
  @BodySchema(gatewayGroupBodySchema)
  @StoredDocuments('gatewayGroup')
  save(@Caller() caller: Principal, @Body() body: unknown) {
    return this.groups.save(caller, body);
  }

  @Get(':id')
  @Requires('gateway-groups', 'read')
  get(@Caller() caller: Principal, @Param('id') id: string) {
    return this.groups.get(caller.orgId, id);
  }

  /** Nodes connected through the bridge: `?seenWithinSeconds=` (default 120) decides how recent. */
  @Get(':id/nodes')
  @Requires('gateway-groups', 'read')
  nodes(@Caller() caller: Principal, @Param('id') id: string, @Query() query: unknown) {
    return this.groups.listNodes(caller.orgId, id, query);
  }

  /** Revokes every node token of the group, then deletes it. */
  @Delete(':id')
  @HttpCode(204)
  @Requires('gateway-groups', 'write')
  async delete(@Caller() caller: Principal, @Param('id') id: string): Promise<void> {
    await this.groups.delete(caller, id);
  }

  /** Mints a node token for the group's gateways; the answer is the only place it appears. */
  @Post(':id/tokens')
  @Requires('gateway-groups', 'write')
  mintToken(@Caller() caller: Principal, @Param('id') id: string) {
    return this.groups.mintNodeToken(caller, id);
  }

  /** The group's node tokens by id (the start of the token's hash), with when each was made and revoked. */
  @Get(':id/node-tokens')
  @Requires('gateway-groups', 'read')
  nodeTokens(@Caller() caller: Principal, @Param('id') id: string) {
    return this.groups.listNodeTokens(caller.orgId, id);
  }

  /** Revokes one node token: bridges refuse it within seconds and end its Watch streams. */
  @Delete(':id/node-tokens/:tokenId')
  @HttpCode(204)
  @Requires('gateway-groups', 'write')
  async revokeNodeToken(
    @Caller() caller: Principal,
    @Param('id') id: string,
    @Param('tokenId') tokenId: string,
  ): Promise<void> {
    await this.groups.revokeNodeToken(caller, id, tokenId);
  }
}
