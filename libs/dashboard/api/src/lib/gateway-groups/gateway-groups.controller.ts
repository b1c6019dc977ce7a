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
import { z } from 'zod';

import { AuthGuard } from '../auth/auth.guard';
import { Caller, type Principal } from '../http/principal';
import { BodySchema, ConflictWhen, QuerySchema, Requires, ResponseSchema } from '../http/route-metadata';
import { StoredDocuments } from '../http/stored-documents';
import {
  gatewayGroupResponseSchema,
  mintedNodeTokenSchema,
  nodeTokenInfoSchema,
  nodeViewSchema,
} from './gateway-group.responses';
import { GatewayNodesService, nodesQuerySchema } from './gateway-nodes.service';
import {
  gatewayGroupBodySchema,
  GatewayGroupsService,
  gatewayGroupUpdateSchema,
} from './gateway-groups.service';
import { NodeTokensService } from './node-tokens.service';

@Controller('gateway-groups')
@UseGuards(AuthGuard)
export class GatewayGroupsController {
  constructor(
    @Inject(GatewayGroupsService) private readonly groups: GatewayGroupsService,
    @Inject(NodeTokensService) private readonly tokens: NodeTokensService,
    @Inject(GatewayNodesService) private readonly gatewayNodes: GatewayNodesService,
  ) {}

  @Get()
  @Requires('gateway-groups', 'read')
  @ResponseSchema(z.array(gatewayGroupResponseSchema))
  list(@Caller() caller: Principal) {
    return this.groups.list(caller.orgId);
  }

  /** Creates a group; an existing id answers 409 (replace it with PUT). */
  @Post()
  @Requires('gateway-groups', 'write')
  @BodySchema(gatewayGroupBodySchema)
  @StoredDocuments('gatewayGroup')
  @ConflictWhen(
    'the organisation has a gateway group of this groupId: replace it with PUT /gateway-groups/{id}',
  )
  @ResponseSchema(gatewayGroupResponseSchema)
  create(@Caller() caller: Principal, @Body() body: unknown) {
    return this.groups.create(caller, body);
  }

  @Get(':id')
  @Requires('gateway-groups', 'read')
  @ResponseSchema(gatewayGroupResponseSchema)
  get(@Caller() caller: Principal, @Param('id') id: string) {
    return this.groups.get(caller.orgId, id);
  }

  /** Replaces a group's name, region and tags; the id is the path's (a body's `groupId` must match it). */
  @Put(':id')
  @Requires('gateway-groups', 'write')
  @BodySchema(gatewayGroupUpdateSchema)
  @StoredDocuments('gatewayGroup')
  @ResponseSchema(gatewayGroupResponseSchema)
  update(@Caller() caller: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.groups.update(caller, id, body);
  }

  /** Nodes connected through the bridge: `?seenWithinSeconds=` (default 120) decides how recent. */
  @Get(':id/nodes')
  @Requires('gateway-groups', 'read')
  @QuerySchema(nodesQuerySchema)
  @ResponseSchema(z.array(nodeViewSchema))
  nodes(@Caller() caller: Principal, @Param('id') id: string, @Query() query: unknown) {
    return this.gatewayNodes.list(caller.orgId, id, query);
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
  @ResponseSchema(mintedNodeTokenSchema)
  mintToken(@Caller() caller: Principal, @Param('id') id: string) {
    return this.tokens.mint(caller, id);
  }

  /** The group's node tokens by id (the start of the token's hash), with when each was made and revoked. */
  @Get(':id/node-tokens')
  @Requires('gateway-groups', 'read')
  @ResponseSchema(z.array(nodeTokenInfoSchema))
  nodeTokens(@Caller() caller: Principal, @Param('id') id: string) {
    return this.tokens.list(caller.orgId, id);
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
    await this.tokens.revoke(caller, id, tokenId);
  }
}
