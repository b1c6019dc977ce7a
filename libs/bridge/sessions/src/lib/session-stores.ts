import type { GatewayGroup, NodeHandshake, NodeTokenGrant } from '@gatehouse/shared-kernel';

/** Looks up node tokens by their raw value; implementations compare hashes and never keep the raw token. */
export interface NodeTokenStore {
  /** With the token's id as the dashboard lists it, recorded with the node (token rotation). */
  findGrant(rawToken: string): Promise<(NodeTokenGrant & { tokenId: string }) | undefined>;
}

export interface GatewayGroupStore {
  find(orgId: string, groupId: string): Promise<GatewayGroup | undefined>;
}

/** Where the bridge records the nodes it has admitted, for the dashboard's view of each group. */
export interface NodeRegistry {
  recordConnected(node: NodeHandshake & { tokenId: string }): Promise<void>;
}
