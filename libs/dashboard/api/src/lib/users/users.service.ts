import { isDuplicateKey } from '@gatehouse/shared-control-plane-db';
import { type TokenRepository, type User, type UserRepository } from '@gatehouse/dashboard-data-access';
import { inviteUserSchema, pageSchema, updateUserSchema } from '@gatehouse/dashboard-domain';
import {
  ConflictError,
  ForbiddenError,
  hashSecret,
  mintSecret,
  NotFoundError,
  parseOrThrow,
} from '@gatehouse/shared-kernel';
import { randomUUID } from 'node:crypto';

import type { AuditRecorder } from '../audit/audit.service';
import type { ListPage } from '../http/paged';
import type { Principal } from '../http/principal';

/**
 * The users of an org: invited (the invitation is a secret shown once, stored as its hash), then given
 * roles or deactivated. Only owners grant or change the owner role, and nobody changes their own.
 */
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: TokenRepository,
    private readonly audit: AuditRecorder,
  ) {}

  /** A page of the org's users, oldest first, and how many it has. */
  async list(principal: Principal, query: unknown): Promise<ListPage<User>> {
    const { limit, offset } = parseOrThrow(pageSchema, query);
    const [items, total] = await Promise.all([
      this.users.list(principal.orgId, limit, offset),
      this.users.count(principal.orgId),
    ]);
    return { items, total };
  }

  async get(principal: Principal, userId: string): Promise<User> {
    const user = await this.users.get(principal.orgId, userId);
    if (!user) throw new NotFoundError('user not found');
    return user;
  }

  async invite(principal: Principal, body: unknown): Promise<{ user: User; invitation: string }> {
    const input = parseOrThrow(inviteUserSchema, body);
    if (input.role === 'owner' && principal.role !== 'owner')
      throw new ForbiddenError('only owners can invite owners');
    const invitation = mintSecret('ghi');
    const user = await this.users
      .create(principal.orgId, {
        id: randomUUID(),
        ...input,
        passwordHash: null,
        invitationHash: hashSecret(invitation),
      })
      .catch((error: unknown) => {
        throw isDuplicateKey(error) ? new ConflictError(`user ${input.email} already exists`) : error;
      });
    await this.audit.record(principal, {
      action: 'invite',
      resource: 'users',
      resourceId: user.id,
      before: null,
      after: user,
    });
    return { user, invitation };
  }

  /** Deactivating a user also revokes every session and API token of theirs. */
  async update(principal: Principal, userId: string, body: unknown): Promise<User> {
    const changes = parseOrThrow(updateUserSchema, body);
    const before = await this.get(principal, userId);
    if (userId === principal.userId)
      throw new ForbiddenError('you cannot change your own role or deactivate yourself');
    if ((changes.role === 'owner' || before.role === 'owner') && principal.role !== 'owner') {
      throw new ForbiddenError('only owners can grant or change the owner role');
    }
    const after = await this.users.update(principal.orgId, userId, changes);
    if (!after) throw new NotFoundError('user not found');
    if (changes.active === false) await this.tokens.revokeAll(principal.orgId, userId);
    await this.audit.record(principal, {
      action: 'update',
      resource: 'users',
      resourceId: userId,
      before,
      after,
    });
    return after;
  }
}
