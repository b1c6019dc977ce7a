import type {
  ApiRepository,
  GatewayNode,
  GatewayNodeRepository,
  PolicyRepository,
} from '@gatehouse/shared-control-plane-db';
import { configChecksum, groupServesApi, type OrgId, parseOrThrow } from '@gatehouse/shared-kernel';
import { z } from 'zod';

import type { GatewayGroupsService } from './gateway-groups.service';

/** A node as the dashboard shows it: what it reported, and whether that matches the control plane. */
export interface NodeView extends GatewayNode {
  expectedChecksum: string;
  inSync: boolean;
}

/** Which nodes to list: seen by the bridge within this many seconds. */
export const nodesQuerySchema = z.object({
  seenWithinSeconds: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .default(120),
});

/** The gateway nodes of a group as the bridges last saw them, and whether each serves the current config. */
export class GatewayNodesService {
  constructor(
    private readonly groups: GatewayGroupsService,
    private readonly nodes: GatewayNodeRepository,
    private readonly apis: ApiRepository,
    private readonly policies: PolicyRepository,
  ) {}

  /**
   * The group's gateway nodes the bridge has seen recently, most recent first, each with whether the
   * config it reported serving is the control plane's current config for the group (`inSync`).
   */
  async list(orgId: OrgId, groupId: string, query: unknown): Promise<NodeView[]> {
    const { seenWithinSeconds } = parseOrThrow(nodesQuerySchema, query);
    const group = await this.groups.get(orgId, groupId);
    const [nodes, expectedChecksum] = await Promise.all([
      this.nodes.listSeenSince(orgId, groupId, new Date(Date.now() - seenWithinSeconds * 1000)),
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
    const [apis, policies] = await Promise.all([this.apis.live(orgId), this.policies.live(orgId)]);
    return configChecksum([
      ...apis
        .filter((api) => groupServesApi(tags, api.fields.tags))
        .map((api) => ({ kind: 'api' as const, id: api.id, rev: api.rev })),
      ...policies.map((policy) => ({ kind: 'policy' as const, id: policy.id, rev: policy.rev })),
    ]);
  }
}
