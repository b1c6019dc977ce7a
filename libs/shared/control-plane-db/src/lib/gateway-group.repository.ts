import { GatewayGroup } from '@gatehouse/shared-kernel';
import { Collection, Db } from 'mongodb';
import { isDuplicateKey } from './mongo-errors';

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

  /** Creates or replaces the group (seeding and tests); the dashboard API uses create and update. */
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

  /**
   * Inserts a new group; false when the org already has one with this id. The unique `_id` decides, so
   * of two creates racing for one id exactly one succeeds.
   */
  async create(group: GatewayGroup): Promise<boolean> {
    const now = new Date();
    try {
      await this.groups.insertOne({
        ...group,
        _id: documentId(group.orgId, group.groupId),
        createdAt: now,
        updatedAt: now,
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Replaces an existing group; false when there is none, so an update never recreates a deleted group. */
  async update(group: GatewayGroup): Promise<boolean> {
    const result = await this.groups.updateOne(
      { _id: documentId(group.orgId, group.groupId), orgId: group.orgId },
      { $set: { ...group, updatedAt: new Date() } },
    );
    return result.matchedCount === 1;
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
