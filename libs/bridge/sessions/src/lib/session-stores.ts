import type { GatewayGroup, NodeTokenGrant } from '@gatehouse/shared-model';

/** Looks up node tokens by their raw value; implementations compare hashes and never keep the raw token. */
export interface NodeTokenStore {
  findGrant(rawToken: string): Promise<NodeTokenGrant | undefined>;
}

export interface GatewayGroupStore {
  find(orgId: string, groupId: string): Promise<GatewayGroup | undefined>;
}
