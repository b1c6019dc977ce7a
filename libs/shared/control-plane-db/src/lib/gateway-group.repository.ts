import { GatewayGroup } from '@gatehouse/shared-kernel';
import { Collection, Db } from 'mongodb';

interface GatewayGroupDocument extends GatewayGroup {
  _id: string;
  createdAt: Date;
  updatedAt: Date;
}

export const GATEWAY_GROUPS_COLLECTION = 'gateway_groups';

function documentId(orgId: string, groupId: string): string {
  return `${orgId}/${groupId}`;
}

/** Gateway groups of every org. Each query is scoped by `orgId`, so one tenant never sees another's. */
export class GatewayGroupRepository {
  private readonly groups: Collection<GatewayGroupDocument>;

  constructor(db: Db) {
    this.groups = db.collection<GatewayGroupDocument>(GATEWAY_GROUPS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.groups.createIndex({ orgId: 1, groupId: 1 }, { unique: true, name: 'org_group_unique' });
  }

  async save(group: GatewayGroup): Promise<void> {
    const now = new Date();
    await this.groups.updateOne(
      { _id: documentId(group.orgId, group.groupId), orgId: group.orgId },
      {
        $set: { ...group, updatedAt: now },
        $setOnInsert: { createdAt: now },
      },
      { upsert: true },
    );
  }

  async list(orgId: string): Promise<GatewayGroup[]> {
    return this.groups
      .find({ orgId }, { projection: { _id: 0, createdAt: 0, updatedAt: 0 } })
      .sort({ groupId: 1 })
      .toArray();
  }

  /** Deletes the group; false when it did not exist. Its node tokens are the caller's to revoke first. */
  async delete(orgId: string, groupId: string): Promise<boolean> {
    const result = await this.groups.deleteOne({ _id: documentId(orgId, groupId), orgId });
    return result.deletedCount === 1;
  }

  async find(orgId: string, groupId: string): Promise<GatewayGroup | undefined> {
    const found = await this.groups.findOne(
      { _id: documentId(orgId, groupId), orgId },
      { projection: { _id: 0, createdAt: 0, updatedAt: 0 } },
    );
    return found ?? undefined;
  }
}
