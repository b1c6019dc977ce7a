import type { GatewayNode } from '@gatehouse/shared-control-store';
import {
  configChecksum,
  gatewayGroupSchema,
  GatewayGroup,
  groupServesApi,
  mintSecret,
  OrgId,
  NotFoundError,
  parseOrThrow,
} from '@gatehouse/shared-model';
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

  /** A new node token for the group; the answer is the only place the raw token appears. */
  async mintNodeToken(principal: Principal, groupId: string): Promise<{ groupId: string; token: string }> {
    await this.get(principal.orgId, groupId);
    const token = mintSecret('ghn');
    await this.stores.nodeTokens.register(token, { orgId: principal.orgId, groupId });
    await this.auditLog.record(principal, 'mint-node-token', 'gateway-groups', groupId, null, null);
    return { groupId, token };
  }
}
