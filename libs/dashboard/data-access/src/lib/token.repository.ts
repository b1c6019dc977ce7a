import type { OrgId } from '@gatehouse/shared-kernel';
import type { Collection, Db } from 'mongodb';

export type TokenKind = 'session' | 'api';

export interface StoredToken {
  id: string;
  orgId: OrgId;
  userId: string;
  kind: TokenKind;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
}

interface TokenDocument {
  _id: string;
  /** SHA-256 of the token: the raw token is shown once and never stored. */
  hash: string;
  orgId: string;
  userId: string;
  kind: TokenKind;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

function toToken(document: TokenDocument): StoredToken {
  return {
    id: document._id,
    orgId: document.orgId as OrgId,
    userId: document.userId,
    kind: document.kind,
    name: document.name,
    createdAt: document.createdAt,
    expiresAt: document.expiresAt,
  };
}

/** Login sessions and personal API tokens, by hash. */
export class TokenRepository {
  private readonly tokens: Collection<TokenDocument>;

  constructor(db: Db) {
    this.tokens = db.collection<TokenDocument>('user_tokens');
  }

  async ensureIndexes(): Promise<void> {
    await this.tokens.createIndex({ hash: 1 }, { unique: true, name: 'hash_unique' });
    await this.tokens.createIndex({ orgId: 1, userId: 1 }, { name: 'org_user' });
  }

  async create(
    orgId: OrgId,
    token: {
      id: string;
      hash: string;
      userId: string;
      kind: TokenKind;
      name: string;
      expiresAt: Date | null;
    },
  ): Promise<StoredToken> {
    const document: TokenDocument = {
      _id: token.id,
      orgId,
      createdAt: new Date(),
      revokedAt: null,
      ...token,
    };
    await this.tokens.insertOne(document);
    return toToken(document);
  }

  /** The live token with this hash (not revoked, not expired). */
  async findLive(hash: string, now: Date): Promise<StoredToken | undefined> {
    const found = await this.tokens.findOne({ hash, revokedAt: null });
    if (!found || (found.expiresAt && found.expiresAt <= now)) return undefined;
    return toToken(found);
  }

  async listApiTokens(orgId: OrgId, userId: string): Promise<StoredToken[]> {
    const found = await this.tokens
      .find({ orgId, userId, kind: 'api', revokedAt: null })
      .sort({ createdAt: 1 })
      .toArray();
    return found.map(toToken);
  }

  async revoke(orgId: OrgId, userId: string, id: string): Promise<boolean> {
    const result = await this.tokens.updateOne(
      { _id: id, orgId, userId, revokedAt: null },
      { $set: { revokedAt: new Date() } },
    );
    return result.modifiedCount === 1;
  }

  /** Ends every session and token of a user (deactivation). */
  async revokeAll(orgId: OrgId, userId: string): Promise<void> {
    await this.tokens.updateMany({ orgId, userId, revokedAt: null }, { $set: { revokedAt: new Date() } });
  }
}
