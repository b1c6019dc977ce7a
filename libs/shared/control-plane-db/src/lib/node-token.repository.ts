import { hashSecret, NodeTokenGrant } from '@gatehouse/shared-kernel';
import { Collection, Db } from 'mongodb';

interface NodeTokenDocument extends NodeTokenGrant {
  /** SHA-256 of the token: the raw token is shown once at creation and never stored. */
  _id: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export const NODE_TOKENS_COLLECTION = 'node_tokens';

/** Hex digits of the token's SHA-256 that name it in the API. */
export const NODE_TOKEN_ID_LENGTH = 12;
const NODE_TOKEN_ID = new RegExp(`^[0-9a-f]{${NODE_TOKEN_ID_LENGTH}}$`);

/**
 * A node token as the dashboard lists it. `id` is the start of the token's SHA-256 (the stored `_id`):
 * enough to tell a group's tokens apart and to revoke one, useless for finding or forging the token,
 * and it exists for tokens minted before ids were shown.
 */
export interface NodeTokenInfo {
  id: string;
  groupId: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** The id the API shows for a raw token. */
export function nodeTokenId(rawToken: string): string {
  return hashSecret(rawToken).slice(0, NODE_TOKEN_ID_LENGTH);
}

function toInfo(document: NodeTokenDocument): NodeTokenInfo {
  return {
    id: document._id.slice(0, NODE_TOKEN_ID_LENGTH),
    groupId: document.groupId,
    createdAt: document.createdAt,
    revokedAt: document.revokedAt,
  };
}

/** Every stored hash that starts with `id`: hex digits all sort below 'g'. */
function startingWith(id: string) {
  return { $gte: id, $lt: `${id}g` };
}

export class NodeTokenRepository {
  private readonly tokens: Collection<NodeTokenDocument>;

  constructor(db: Db) {
    this.tokens = db.collection<NodeTokenDocument>(NODE_TOKENS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.tokens.createIndex({ orgId: 1, groupId: 1 }, { name: 'org_group' });
  }

  /** Stores the hash of `rawToken` as a credential for the group; answers the token's id. */
  async register(rawToken: string, grant: NodeTokenGrant): Promise<string> {
    await this.tokens.insertOne({
      _id: hashSecret(rawToken),
      orgId: grant.orgId,
      groupId: grant.groupId,
      createdAt: new Date(),
      revokedAt: null,
    });
    return nodeTokenId(rawToken);
  }

  /** The group's tokens, revoked ones included, oldest first. */
  async listForGroup(orgId: string, groupId: string): Promise<NodeTokenInfo[]> {
    const found = await this.tokens.find({ orgId, groupId }).sort({ createdAt: 1, _id: 1 }).toArray();
    return found.map(toInfo);
  }

  /**
   * Revokes the group's token with this id (every one, should two share the id: revoking too much is
   * the safe mistake). Answers the token as it now is, or undefined when the group has no such token;
   * a token revoked before keeps its first revocation time.
   */
  async revokeById(orgId: string, groupId: string, id: string): Promise<NodeTokenInfo | undefined> {
    if (!NODE_TOKEN_ID.test(id)) return undefined;
    const filter = { orgId, groupId, _id: startingWith(id) };
    await this.tokens.updateMany({ ...filter, revokedAt: null }, { $set: { revokedAt: new Date() } });
    const [found] = await this.tokens.find(filter).sort({ createdAt: 1 }).limit(1).toArray();
    return found ? toInfo(found) : undefined;
  }

  /** Revokes every live token of the group; answers how many. */
  async revokeGroup(orgId: string, groupId: string): Promise<number> {
    const result = await this.tokens.updateMany(
      { orgId, groupId, revokedAt: null },
      { $set: { revokedAt: new Date() } },
    );
    return result.modifiedCount;
  }

  /**
   * The grant of a live token with the token's id (which node used which token during a rotation), or
   * undefined for unknown and revoked tokens alike.
   */
  async findGrant(rawToken: string): Promise<(NodeTokenGrant & { tokenId: string }) | undefined> {
    const found = await this.tokens.findOne({ _id: hashSecret(rawToken), revokedAt: null });
    return found
      ? { orgId: found.orgId, groupId: found.groupId, tokenId: found._id.slice(0, NODE_TOKEN_ID_LENGTH) }
      : undefined;
  }

  /** How many of the group's tokens are live. */
  countLive(orgId: string, groupId: string): Promise<number> {
    return this.tokens.countDocuments({ orgId, groupId, revokedAt: null });
  }

  async revoke(orgId: string, rawToken: string): Promise<boolean> {
    const result = await this.tokens.updateOne(
      { _id: hashSecret(rawToken), orgId, revokedAt: null },
      { $set: { revokedAt: new Date() } },
    );
    return result.modifiedCount === 1;
  }
}
