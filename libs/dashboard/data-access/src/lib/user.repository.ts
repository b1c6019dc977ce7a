import type { Role } from '@gatehouse/dashboard-domain';
import type { OrgId } from '@gatehouse/shared-kernel';
import type { Collection, Db } from 'mongodb';

export interface User {
  id: string;
  orgId: OrgId;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  /** False until an invited user sets a password. */
  activated: boolean;
  createdAt: Date;
}

interface UserDocument extends Omit<User, 'id' | 'orgId'> {
  _id: string;
  orgId: string;
  passwordHash: string | null;
  /** SHA-256 of the invitation secret; null once accepted. */
  invitationHash: string | null;
}

function toUser(document: UserDocument): User {
  return {
    id: document._id,
    orgId: document.orgId as OrgId,
    email: document.email,
    name: document.name,
    role: document.role,
    active: document.active,
    activated: document.activated,
    createdAt: document.createdAt,
  };
}

/** Users of every org; each query carries the org, so one tenant never reads another's users. */
export class UserRepository {
  private readonly users: Collection<UserDocument>;

  constructor(db: Db) {
    this.users = db.collection<UserDocument>('users');
  }

  async ensureIndexes(): Promise<void> {
    await this.users.createIndex({ orgId: 1, email: 1 }, { unique: true, name: 'org_email_unique' });
    await this.users.createIndex({ invitationHash: 1 }, { name: 'invitation' });
  }

  async create(
    orgId: OrgId,
    user: {
      id: string;
      email: string;
      name: string;
      role: Role;
      passwordHash: string | null;
      invitationHash: string | null;
    },
  ): Promise<User> {
    const document: UserDocument = {
      _id: user.id,
      orgId,
      email: user.email,
      name: user.name,
      role: user.role,
      active: true,
      activated: user.passwordHash !== null,
      createdAt: new Date(),
      passwordHash: user.passwordHash,
      invitationHash: user.invitationHash,
    };
    await this.users.insertOne(document);
    return toUser(document);
  }

  async get(orgId: OrgId, id: string): Promise<User | undefined> {
    const found = await this.users.findOne({ _id: id, orgId });
    return found ? toUser(found) : undefined;
  }

  /** The user and its password hash, for login only. */
  async findCredentials(
    orgId: OrgId,
    email: string,
  ): Promise<{ user: User; passwordHash: string | null } | undefined> {
    const found = await this.users.findOne({ orgId, email });
    return found ? { user: toUser(found), passwordHash: found.passwordHash } : undefined;
  }

  async findByInvitation(invitationHash: string): Promise<User | undefined> {
    const found = await this.users.findOne({ invitationHash, activated: false });
    return found ? toUser(found) : undefined;
  }

  async activate(orgId: OrgId, id: string, passwordHash: string): Promise<void> {
    await this.users.updateOne(
      { _id: id, orgId },
      { $set: { passwordHash, activated: true, invitationHash: null } },
    );
  }

  async update(
    orgId: OrgId,
    id: string,
    changes: Partial<Pick<User, 'role' | 'active' | 'name'>>,
  ): Promise<User | undefined> {
    const updated = await this.users.findOneAndUpdate(
      { _id: id, orgId },
      { $set: changes },
      { returnDocument: 'after' },
    );
    return updated ? toUser(updated) : undefined;
  }

  /** How many users the org has (what `list` pages through). */
  count(orgId: OrgId): Promise<number> {
    return this.users.countDocuments({ orgId });
  }

  async list(orgId: OrgId, limit: number, offset: number): Promise<User[]> {
    const found = await this.users
      .find({ orgId })
      .sort({ createdAt: 1, _id: 1 })
      .skip(offset)
      .limit(limit)
      .toArray();
    return found.map(toUser);
  }
}
