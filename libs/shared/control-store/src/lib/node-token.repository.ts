import { hashSecret, NodeTokenGrant } from '@gatehouse/shared-model';
import { Collection, Db } from 'mongodb';

interface NodeTokenDocument extends NodeTokenGrant {
  /** SHA-256 of the token: the raw token is shown once at creation and never stored. */
  _id: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export const NODE_TOKENS_COLLECTION = 'node_tokens';

export class NodeTokenRepository {
  private readonly tokens: Collection<NodeTokenDocument>;

  constructor(db: Db) {
    this.tokens = db.collection<NodeTokenDocument>(NODE_TOKENS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.tokens.createIndex({ orgId: 1, groupId: 1 }, { name: 'org_group' });
  }

  /** Stores the hash of `rawToken` as a credential for the group. */
  async register(rawToken: string, grant: NodeTokenGrant): Promise<void> {
    await this.tokens.insertOne({
      _id: hashSecret(rawToken),
      orgId: grant.orgId,
      groupId: grant.groupId,
      createdAt: new Date(),
      revokedAt: null,
    });
  }

  /** The grant of a live token, or undefined for unknown and revoked tokens alike. */
  async findGrant(rawToken: string): Promise<NodeTokenGrant | undefined> {
    const found = await this.tokens.findOne({ _id: hashSecret(rawToken), revokedAt: null });
    return found ? { orgId: found.orgId, groupId: found.groupId } : undefined;
  }

  async revoke(orgId: string, rawToken: string): Promise<boolean> {
    const result = await this.tokens.updateOne(
      { _id: hashSecret(rawToken), orgId, revokedAt: null },
      { $set: { revokedAt: new Date() } },
    );
    return result.modifiedCount === 1;
  }
}
