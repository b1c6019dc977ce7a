import {
  NODE_TOKEN_ID_LENGTH,
  type NodeTokenInfo,
  type NodeTokenRepository,
} from '@gatehouse/shared-control-plane-db';
import { ConflictError, mintSecret, NotFoundError, type OrgId, parseOrThrow } from '@gatehouse/shared-kernel';
import { z } from 'zod';

import type { AuditRecorder } from '../audit/audit.service';
import type { Principal } from '../http/principal';
import { groupNotFound, type GatewayGroupsService } from './gateway-groups.service';

/** A node token's id in a path: the first hex digits of its hash, as the token list shows them. */
export const nodeTokenPathSchema = z.object({
  tokenId: z
    .string()
    .regex(new RegExp(`^[0-9a-f]{${NODE_TOKEN_ID_LENGTH}}$`), `must be ${NODE_TOKEN_ID_LENGTH} hex digits`),
});

/**
 * Live node tokens a group may hold: two, so gateways can roll over from one to the next (mint the new
 * one, move the gateways to it, revoke the old one) while every token stays accounted for.
 */
export const MAX_LIVE_NODE_TOKENS = 2;

/** The node tokens of a gateway group: shown once, stored hashed, listed and revoked by id. */
export class NodeTokensService {
  constructor(
    private readonly groups: GatewayGroupsService,
    private readonly nodeTokens: NodeTokenRepository,
    private readonly audit: AuditRecorder,
  ) {}

  /**
   * A new node token for the group; the answer is the only place the raw token appears. `id` names it
   * in the token list and for revocation.
   */
  async mint(principal: Principal, groupId: string): Promise<{ groupId: string; id: string; token: string }> {
    const { orgId } = principal;
    await this.groups.get(orgId, groupId);
    const token = mintSecret('ghn');
    const id = await this.nodeTokens.register(token, { orgId, groupId });
    // The group may have been deleted while the token was stored; a token left live would come back
    // to life if a group of the same id were created later.
    if (!(await this.groups.find(orgId, groupId))) {
      await this.nodeTokens.revokeById(orgId, groupId, id);
      throw groupNotFound(groupId);
    }
    // Counted after the insert, so two mints racing past the limit are both refused, never both kept.
    if ((await this.nodeTokens.countLive(orgId, groupId)) > MAX_LIVE_NODE_TOKENS) {
      await this.nodeTokens.revokeById(orgId, groupId, id);
      throw new ConflictError(
        `gateway group ${groupId} already has ${MAX_LIVE_NODE_TOKENS} live node tokens: revoke the one its gateways no longer use (the nodes list shows each node's tokenId), then mint again`,
      );
    }
    await this.record(principal, 'mint-node-token', groupId, { tokenId: id });
    return { groupId, id, token };
  }

  /** The group's node tokens, revoked ones included: ids and times, never the tokens. */
  async list(orgId: OrgId, groupId: string): Promise<NodeTokenInfo[]> {
    await this.groups.get(orgId, groupId);
    return this.nodeTokens.listForGroup(orgId, groupId);
  }

  /**
   * Revokes one node token. Bridges stop accepting it within their grant cache (5 s) and end its
   * Watch streams at their next heartbeat; its gateways keep serving what they hold.
   */
  async revoke(principal: Principal, groupId: string, tokenId: string): Promise<void> {
    const { orgId } = principal;
    await this.groups.get(orgId, groupId);
    const { tokenId: id } = parseOrThrow(nodeTokenPathSchema, { tokenId });
    const revoked = await this.nodeTokens.revokeById(orgId, groupId, id);
    if (!revoked) throw new NotFoundError(`node token ${id} not found in gateway group ${groupId}`);
    await this.record(principal, 'revoke-node-token', groupId, revoked);
  }

  /** Node-token changes are audited under their group ('gateway-groups'). */
  private record(principal: Principal, action: string, groupId: string, after: unknown): Promise<void> {
    return this.audit.record(principal, {
      action,
      resource: 'gateway-groups',
      resourceId: groupId,
      before: null,
      after,
    });
  }
}
