import type { GatewayGroupStore } from '@gatehouse/dashboard-api';
import { isDuplicateKey } from '@gatehouse/dashboard-data-access';
import { GATEWAY_GROUPS_COLLECTION, GatewayGroupRepository } from '@gatehouse/shared-control-plane-db';
import type { GatewayGroup } from '@gatehouse/shared-kernel';
import type { Collection, Db } from 'mongodb';

interface GatewayGroupDocument extends GatewayGroup {
  _id: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The gateway groups with the writes the dashboard needs and GatewayGroupRepository lacks (its `save`
 * upserts): an insert that the unique index refuses for a taken id, so of two creates racing for one id
 * exactly one succeeds, and an update that never recreates a deleted group.
 *
 * It writes the document GatewayGroupRepository reads (`_id` is `<orgId>/<groupId>`, as there); the
 * gateway-groups int-spec reads what it writes through that repository. These two methods belong in
 * GatewayGroupRepository itself, after which this class goes.
 */
export class DashboardGatewayGroupRepository extends GatewayGroupRepository implements GatewayGroupStore {
  private readonly documents: Collection<GatewayGroupDocument>;

  constructor(db: Db) {
    super(db);
    this.documents = db.collection<GatewayGroupDocument>(GATEWAY_GROUPS_COLLECTION);
  }

  async create(group: GatewayGroup): Promise<boolean> {
    const now = new Date();
    try {
      await this.documents.insertOne({
        ...group,
        _id: `${group.orgId}/${group.groupId}`,
        createdAt: now,
        updatedAt: now,
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async update(group: GatewayGroup): Promise<boolean> {
    const result = await this.documents.updateOne(
      { _id: `${group.orgId}/${group.groupId}`, orgId: group.orgId },
      { $set: { ...group, updatedAt: new Date() } },
    );
    return result.matchedCount === 1;
  }
}
