import {
  type GatewayNode,
  NODE_TOKEN_ID_LENGTH,
  type NodeTokenInfo,
} from '@gatehouse/shared-control-plane-db';
import {
  configChecksum,
  gatewayGroupSchema,
  GatewayGroup,
  groupServesApi,
  mintSecret,
  OrgId,
  NotFoundError,
  parseOrThrow,
} from '@gatehouse/shared-kernel';
import { z } from 'zod';

import { AuditService } from './audit.service';
import type { DashboardStores } from './dashboard-stores';
import type { Principal } from './principal';

/** A node as the dashboard shows it: what it reported, and whether that matches the control plane. */
export interface NodeView extends GatewayNode {
  expectedChecksum: string;
  inSync: boolean;
}

/** A gateway group as a client sends it: the org comes from the caller. */
export const gatewayGroupBodySchema = gatewayGroupSchema.omit({ orgId: true });

/** Which nodes to list: seen by the bridge within this many seconds. */
export const nodesQuerySchema = z.object({
  seenWithinSeconds: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .default(120),
});

/** A node token's id in a path: the first hex digits of its hash, as the token list shows them. */
export const nodeTokenPathSchema = z.object({
  tokenId: z
    .string()
    .regex(new RegExp(`^[0-9a-f]{${NODE_TOKEN_ID_LENGTH}}$`), `must be ${NODE_TOKEN_ID_LENGTH} hex digits`),
});

/** Gateway groups (a region's cluster) and their node tokens, shown once and stored hashed. */
export class GatewayGroupsService {
  private readonly auditLog: AuditService;

  constructor(private readonly stores: DashboardStores) {
    this.auditLog = new AuditService(stores.audit);
  }

  async save(principal: Principal, body: unknown): Promise<GatewayGroup> {
    const group = { ...parseOrThrow(gatewayGroupBodySchema, body), orgId: principal.orgId };
    const before = await this.stores.gatewayGroups.find(principal.orgId, group.groupId);
    await this.stores.gatewayGroups.save(group);
    await this.auditLog.record(
      principal,
      before ? 'update' : 'create',
      'gateway-groups',
      group.groupId,
      before ?? null,
      group,
    );
    return group;
  }

  list(orgId: OrgId): Promise<GatewayGroup[]> {
    return this.stores.gatewayGroups.list(orgId);
  }

  async get(orgId: OrgId, groupId: string): Promise<GatewayGroup> {
    const found = await this.stores.gatewayGroups.find(orgId, groupId);
    if (!found) throw new NotFoundError(`gateway group ${groupId} not found`);
    return found;
  }

  /**
   * The group's gateway nodes the bridge has seen recently, most recent first, each with whether the
   * config it reported serving is the control plane's current config for the group (`inSync`).
   */
  async listNodes(orgId: OrgId, groupId: string, query: unknown): Promise<NodeView[]> {
    const { seenWithinSeconds } = parseOrThrow(nodesQuerySchema, query);
    const group = await this.get(orgId, groupId);
    const [nodes, expectedChecksum] = await Promise.all([
      this.stores.gatewayNodes.listSeenSince(orgId, groupId, new Date(Date.now() - seenWithinSeconds * 1000)),
      this.expectedChecksum(orgId, group.tags),
    ]);
    return nodes.map((node) => ({
      ...node,
      expectedChecksum,
      inSync: node.status?.configChecksum === expectedChecksum,
    }));
  }

  /** What a node of a group with these tags serves when it is up to date. */
  private async expectedChecksum(orgId: OrgId, tags: string[]): Promise<string> {
    const [apis, policies] = await Promise.all([
      this.stores.apis.live(orgId),
      this.stores.policies.live(orgId),
    ]);
    return configChecksum([
      ...apis
        .filter((api) => groupServesApi(tags, api.fields.tags))
        .map((api) => ({ kind: 'api' as const, id: api.id, rev: api.rev })),
      ...policies.map((policy) => ({ kind: 'policy' as const, id: policy.id, rev: policy.rev })),
    ]);
  }

  /**
   * A new node token for the group; the answer is the only place the raw token appears. `id` names it
   * in the token list and for revocation.
   */
  async mintNodeToken(
    principal: Principal,
    groupId: string,
  ): Promise<{ groupId: string; id: string; token: string }> {
    const { orgId } = principal;
    await this.get(orgId, groupId);
    const token = mintSecret('ghn');
    const id = await this.stores.nodeTokens.register(token, { orgId, groupId });
    // The group may have been deleted while the token was stored; a token left live would come back
    // to life if a group of the same id were created later.
    if (!(await this.stores.gatewayGroups.find(orgId, groupId))) {
      await this.stores.nodeTokens.revokeById(orgId, groupId, id);
      throw new NotFoundError(`gateway group ${groupId} not found`);
    }
    await this.auditLog.record(principal, 'mint-node-token', 'gateway-groups', groupId, null, {
      tokenId: id,
    });
    return { groupId, id, token };
  }

  /** The group's node tokens, revoked ones included: ids and times, never the tokens. */
  async listNodeTokens(orgId: OrgId, groupId: string): Promise<NodeTokenInfo[]> {
    await this.get(orgId, groupId);
    return this.stores.nodeTokens.listForGroup(orgId, groupId);
  }

  /**
   * Revokes one node token. Bridges stop accepting it within their grant cache (5 s) and end its
   * Watch streams at their next heartbeat; its gateways keep serving what they hold.
   */
  async revokeNodeToken(principal: Principal, groupId: string, tokenId: string): Promise<void> {
    const { orgId } = principal;
    await this.get(orgId, groupId);
    const { tokenId: id } = parseOrThrow(nodeTokenPathSchema, { tokenId });
    const revoked = await this.stores.nodeTokens.revokeById(orgId, groupId, id);
    if (!revoked) throw new NotFoundError(`node token ${id} not found in gateway group ${groupId}`);
    await this.auditLog.record(principal, 'revoke-node-token', 'gateway-groups', groupId, null, revoked);
  }

  /** Deletes the group after revoking every node token of it, so its gateways are cut off first. */
  async delete(principal: Principal, groupId: string): Promise<void> {
    const { orgId } = principal;
    const before = await this.get(orgId, groupId);
    await this.stores.nodeTokens.revokeGroup(orgId, groupId);
    await this.stores.gatewayGroups.delete(orgId, groupId);
    // Again after the delete: a token minted meanwhile is revoked here or by the mint's own re-check.
    await this.stores.nodeTokens.revokeGroup(orgId, groupId);
    await this.auditLog.record(principal, 'delete', 'gateway-groups', groupId, before, null);
  }
}
