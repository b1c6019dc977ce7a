import {
  ForbiddenError,
  GATEHOUSE_VERSION,
  NodeHandshake,
  nodeHandshakeSchema,
  NotFoundError,
  parseOrThrow,
  UnauthenticatedError,
} from '@gatehouse/shared-kernel';
import type { KeyHashing, OrgKeyHashing } from '@gatehouse/shared-tyk-compat';
import { randomUUID } from 'node:crypto';

import { GatewayGroupStore, NodeRegistry, NodeTokenStore } from './session-stores';

export interface NodeSession {
  sessionId: string;
  orgId: string;
  groupId: string;
  nodeId: string;
  /** The group's tags from the control plane; they decide which APIs the node receives. */
  tags: string[];
  serverTimeMs: number;
  bridgeVersion: string;
  /** How the org's keys are hashed, with the org's own derived key: nodes never pick a function. */
  keyHashing: KeyHashing;
}

/**
 * Opens a node's session. The token alone decides which org and group a node serves: a node that
 * claims another org or group than its token grants is refused, so one tenant's token can never be used
 * to read another tenant's config.
 */
export class HandshakeService {
  constructor(
    private readonly tokens: NodeTokenStore,
    private readonly groups: GatewayGroupStore,
    private readonly nodes: NodeRegistry,
    private readonly keyHashing: OrgKeyHashing,
    private readonly clock: () => number = Date.now,
  ) {}

  async open(rawToken: string | undefined, request: unknown): Promise<NodeSession> {
    if (!rawToken) throw new UnauthenticatedError('missing node token');
    const node: NodeHandshake = parseOrThrow(nodeHandshakeSchema, request);
    const grant = await this.tokens.findGrant(rawToken);
    if (!grant) throw new UnauthenticatedError('unknown or revoked node token');
    if (grant.orgId !== node.orgId || grant.groupId !== node.groupId) {
      throw new ForbiddenError(`this node token does not grant org '${node.orgId}' group '${node.groupId}'`);
    }
    const group = await this.groups.find(grant.orgId, grant.groupId);
    if (!group) throw new NotFoundError(`gateway group '${grant.groupId}' no longer exists`);
    await this.nodes.recordConnected({ ...node, tokenId: grant.tokenId });
    return {
      sessionId: randomUUID(),
      orgId: group.orgId,
      groupId: group.groupId,
      nodeId: node.nodeId,
      tags: group.tags,
      serverTimeMs: this.clock(),
      bridgeVersion: GATEHOUSE_VERSION,
      keyHashing: this.keyHashing.forOrg(group.orgId),
    };
  }
}
