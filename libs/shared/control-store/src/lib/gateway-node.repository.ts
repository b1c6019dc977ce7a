import type { NodeHandshake } from '@gatehouse/shared-model';
import { Collection, Db } from 'mongodb';

/** A gateway node as the control plane last saw it through the bridge. */
export interface GatewayNode extends NodeHandshake {
  connectedAt: Date;
  lastSeenAt: Date;
}

interface GatewayNodeDocument extends GatewayNode {
  _id: string;
}

export const GATEWAY_NODES_COLLECTION = 'gateway_nodes';

/**
 * Nodes of each gateway group. The bridge records a node when it connects; the dashboard reads them. Scoped by `orgId` like every control-plane query.
 */
export class GatewayNodeRepository {
  private readonly nodes: Collection<GatewayNodeDocument>;

  constructor(db: Db) {
    this.nodes = db.collection<GatewayNodeDocument>(GATEWAY_NODES_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.nodes.createIndex({ orgId: 1, groupId: 1, lastSeenAt: -1 }, { name: 'org_group_seen' });
  }

  /** A (re)connection: the node's details replace what was known and its connection time restarts. */
  async recordConnected(node: NodeHandshake, at = new Date()): Promise<void> {
    await this.nodes.replaceOne(
      { _id: `${node.orgId}/${node.groupId}/${node.nodeId}`, orgId: node.orgId },
      { ...node, connectedAt: at, lastSeenAt: at },
      { upsert: true },
    );
  }

  /** Nodes of the group seen at or after `since`, most recently seen first. */
  async listSeenSince(orgId: string, groupId: string, since: Date): Promise<GatewayNode[]> {
    return this.nodes
      .find({ orgId, groupId, lastSeenAt: { $gte: since } }, { projection: { _id: 0 } })
      .sort({ lastSeenAt: -1 })
      .toArray();
  }
}
