import type { GatewayGroup } from '@gatehouse/shared-kernel';

/**
 * The gateway groups of every org, as the dashboard reads and writes them. Every call carries the org.
 * Creates and updates are separate so that the unique index, not a read before the write, decides
 * whether a name is taken: of two creates racing for one name exactly one succeeds.
 */
export interface GatewayGroupStore {
  find(orgId: string, groupId: string): Promise<GatewayGroup | undefined>;
  list(orgId: string): Promise<GatewayGroup[]>;
  /** Inserts the group; false when the org already has a group of that id. */
  create(group: GatewayGroup): Promise<boolean>;
  /** Replaces an existing group; false when the org has no group of that id (never creates one). */
  update(group: GatewayGroup): Promise<boolean>;
  /** False when the group did not exist. */
  delete(orgId: string, groupId: string): Promise<boolean>;
}
