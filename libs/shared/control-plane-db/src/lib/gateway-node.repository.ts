import type { NodeHandshake } from '@gatehouse/shared-kernel';
import { Collection, Db } from 'mongodb';

/** A gateway node as the control plane last saw it through the bridge. */
export interface GatewayNode extends NodeHandshake {
  /** The id of the node token it connected with, as the group's token list shows it (rotations). */
  tokenId?: string;
  connectedAt: Date;
  lastSeenAt: Date;
  /** From the node's last status report; absent until it sends one. */
  status?: NodeStatus;
}

/** What a node last said it serves (gRPC ReportStatus). */
export interface NodeStatus {
  appliedRev: number;
  configChecksum: string;
  requestsTotal: number;
  emergency: boolean;
  /** Each stream the node runs: `running`, or `failing` with its last error (absent before streams). */
  streams?: NodeStreamStatus[];
}

export interface NodeStreamStatus {
  apiId: string;
  stream: string;
  state: 'running' | 'failing' | 'stopped';
  consumers: number;
  lastError?: string;
  lastErrorAt?: Date;
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
  async recordConnected(node: NodeHandshake & { tokenId?: string }, at = new Date()): Promise<void> {
    await this.nodes.replaceOne(
      { _id: `${node.orgId}/${node.groupId}/${node.nodeId}`, orgId: node.orgId },
      { ...node, connectedAt: at, lastSeenAt: at },
      { upsert: true },
    );
  }

  /** A heartbeat: the node is alive and serves this; a node never seen before is recorded too. */
  async recordStatus(
    node: Pick<NodeHandshake, 'orgId' | 'groupId' | 'nodeId' | 'version'>,
    status: NodeStatus,
    at = new Date(),
  ): Promise<void> {
    await this.nodes.updateOne(
      { _id: `${node.orgId}/${node.groupId}/${node.nodeId}`, orgId: node.orgId },
      {
        $set: { ...node, status, lastSeenAt: at },
        $setOnInsert: { connectedAt: at, tags: [] },
      },
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
