import {
  acceptInviteSchema,
  createOrgSchema,
  createTokenSchema,
  inviteUserSchema,
  Login,
  loginSchema,
  PasswordHasher,
  scryptPasswordHasher,
  updateUserSchema,
} from '@gatehouse/dashboard-domain';
import { OrgId, trustedOrgId } from '@gatehouse/shared-kernel';
import type { StoredToken, User } from '@gatehouse/dashboard-data-access';
import {
  ConflictError,
  ForbiddenError,
  hashSecret,
  mintSecret,
  NotFoundError,
  parseOrThrow,
  TooManyRequestsError,
  UnauthenticatedError,
} from '@gatehouse/shared-kernel';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

import { AuditService } from './audit.service';
import { adminSecretThrottleKey, loginThrottleKeys } from './credential-limits';
import type { DashboardApiOptions } from './dashboard-stores';
import type { Principal } from './principal';

const DUPLICATE_KEY = 11000;

function isDuplicate(error: unknown): boolean {
  return (error as { code?: number }).code === DUPLICATE_KEY;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return expected.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}

export interface IssuedToken {
  token: string;
  expiresAt: Date | null;
}

/**
 * Organisations, users and their credentials. Passwords are scrypt-hashed; sessions, API tokens and
 * invitations are random secrets stored only as SHA-256 hashes and shown once.
 */
export class AuthService {
  private readonly auditLog: AuditService;
  /**
   * A hash of a random password nobody knows, checked when the org or user is unknown, inactive or
   * has no password yet: every login then costs one password check, so response times do not tell
   * which orgs and emails exist.
   */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly options: DashboardApiOptions,
    private readonly passwords: PasswordHasher = scryptPasswordHasher,
  ) {
    this.auditLog = new AuditService(options.stores.audit);
    this.dummyHash = passwords.hash(randomBytes(32).toString('hex'));
    // Awaited by logins, which fail if it did; never an unhandled rejection at boot.
    this.dummyHash.catch(() => undefined);
  }

  private get stores() {
    return this.options.stores;
  }

  async createOrg(body: unknown, adminSecret: string | undefined, clientIp: string, requestId: string) {
    // Reserved before the check, refunded if right: parallel guesses cannot all pass a check-then-count.
    const attempt = adminSecretThrottleKey(clientIp);
    const waitMs = await this.stores.credentialThrottle.reserve([attempt]);
    if (waitMs > 0) {
      throw new TooManyRequestsError(
        'too many wrong admin secrets from this address; try again later',
        Math.ceil(waitMs / 1000),
      );
    }
    if (!sameSecret(adminSecret ?? '', this.options.adminSecret)) {
      throw new ForbiddenError(
        'creating organisations needs the platform admin secret (x-gatehouse-admin-secret)',
      );
    }
    await this.stores.credentialThrottle.refund([attempt]);
    const input = parseOrThrow(createOrgSchema, body);
    const org = await this.stores.orgs
      .create({ id: randomUUID().replace(/-/g, ''), slug: input.slug, name: input.name })
      .catch((error: unknown) => {
        throw isDuplicate(error) ? new ConflictError(`organisation ${input.slug} already exists`) : error;
      });
    const owner = await this.stores.users.create(org.id, {
      id: randomUUID(),
      email: input.owner.email,
      name: input.owner.name,
      role: 'owner',
      passwordHash: await this.passwords.hash(input.owner.password),
      invitationHash: null,
    });
    const principal: Principal = {
      orgId: org.id,
      userId: owner.id,
      email: owner.email,
      role: owner.role,
      requestId,
    };
    await this.auditLog.record(principal, 'create', 'org', org.id, null, { org, owner });
    const session = await this.issue(org.id, owner.id, 'session', 'login', this.options.sessionHours / 24);
    return { org, owner, ...session };
  }

  /**
   * An attempt is reserved (counted) before the password is checked and given back when it was right,
   * so of any number of parallel guesses at most the limit are ever checked; see credential-limits.ts
   * for what is counted.
   */
  async login(body: unknown, clientIp: string): Promise<IssuedToken> {
    const input = parseOrThrow(loginSchema, body);
    const { account, source } = loginThrottleKeys(input.org, input.email, clientIp);
    const throttle = this.stores.credentialThrottle;
    const waitMs = await throttle.reserve([account, source]);
    if (waitMs > 0) {
      throw new TooManyRequestsError('too many failed logins; try again later', Math.ceil(waitMs / 1000));
    }
    const user = await this.checkPassword(input);
    if (!user) throw new UnauthenticatedError('wrong organisation, email or password');
    await Promise.all([throttle.clear([account]), throttle.refund([source])]);
    return this.issue(user.orgId, user.id, 'session', 'login', this.options.sessionHours / 24);
  }

  /** The active user these credentials prove, or undefined; one password check whatever the outcome. */
  private async checkPassword(input: Login): Promise<User | undefined> {
    const org = await this.stores.orgs.findBySlug(input.org);
    const found = org ? await this.stores.users.findCredentials(org.id, input.email) : undefined;
    const ok = await this.passwords.verify(input.password, found?.passwordHash ?? (await this.dummyHash));
    return ok && found?.passwordHash && found.user.active ? found.user : undefined;
  }

  /** The principal behind a bearer token, or undefined for unknown, expired, revoked or deactivated. */
  async resolve(rawToken: string, requestId: string): Promise<Principal | undefined> {
    const token = await this.stores.tokens.findLive(hashSecret(rawToken), new Date());
    if (!token) return undefined;
    const user = await this.stores.users.get(token.orgId, token.userId);
    if (!user || !user.active) return undefined;
    return { orgId: user.orgId, userId: user.id, email: user.email, role: user.role, requestId };
  }

  async invite(principal: Principal, body: unknown): Promise<{ user: User; invitation: string }> {
    const input = parseOrThrow(inviteUserSchema, body);
    if (input.role === 'owner' && principal.role !== 'owner')
      throw new ForbiddenError('only owners can invite owners');
    const invitation = mintSecret('ghi');
    const user = await this.stores.users
      .create(principal.orgId, {
        id: randomUUID(),
        ...input,
        passwordHash: null,
        invitationHash: hashSecret(invitation),
      })
      .catch((error: unknown) => {
        throw isDuplicate(error) ? new ConflictError(`user ${input.email} already exists`) : error;
      });
    await this.auditLog.record(principal, 'invite', 'users', user.id, null, user);
    return { user, invitation };
  }

  async acceptInvitation(body: unknown): Promise<IssuedToken> {
    const input = parseOrThrow(acceptInviteSchema, body);
    const user = await this.stores.users.findByInvitation(hashSecret(input.invitation));
    if (!user) throw new NotFoundError('unknown or already used invitation');
    await this.stores.users.activate(user.orgId, user.id, await this.passwords.hash(input.password));
    return this.issue(user.orgId, user.id, 'session', 'login', this.options.sessionHours / 24);
  }

  async updateUser(principal: Principal, userId: string, body: unknown): Promise<User> {
    const changes = parseOrThrow(updateUserSchema, body);
    const before = await this.stores.users.get(principal.orgId, userId);
    if (!before) throw new NotFoundError('user not found');
    if (userId === principal.userId)
      throw new ForbiddenError('you cannot change your own role or deactivate yourself');
    if ((changes.role === 'owner' || before.role === 'owner') && principal.role !== 'owner') {
      throw new ForbiddenError('only owners can grant or change the owner role');
    }
    const after = await this.stores.users.update(principal.orgId, userId, changes);
    if (!after) throw new NotFoundError('user not found');
    if (changes.active === false) await this.stores.tokens.revokeAll(principal.orgId, userId);
    await this.auditLog.record(principal, 'update', 'users', userId, before, after);
    return after;
  }

  async createApiToken(
    principal: Principal,
    body: unknown,
  ): Promise<IssuedToken & { id: string; name: string }> {
    const input = parseOrThrow(createTokenSchema, body);
    const issued = await this.issue(
      principal.orgId,
      principal.userId,
      'api',
      input.name,
      input.expiresInDays,
    );
    await this.auditLog.record(principal, 'create', 'tokens', issued.id, null, {
      name: input.name,
      expiresAt: issued.expiresAt,
    });
    return issued;
  }

  listApiTokens(principal: Principal): Promise<StoredToken[]> {
    return this.stores.tokens.listApiTokens(principal.orgId, principal.userId);
  }

  async revokeApiToken(principal: Principal, id: string): Promise<void> {
    if (!(await this.stores.tokens.revoke(principal.orgId, principal.userId, id)))
      throw new NotFoundError('token not found');
    await this.auditLog.record(principal, 'revoke', 'tokens', id, null, null);
  }

  private async issue(
    orgId: OrgId,
    userId: string,
    kind: 'session' | 'api',
    name: string,
    days: number | undefined,
  ): Promise<IssuedToken & { id: string; name: string }> {
    const token = mintSecret(kind === 'session' ? 'ghs' : 'ghp');
    const expiresAt = days ? new Date(Date.now() + days * 86_400_000) : null;
    const stored = await this.stores.tokens.create(trustedOrgId(orgId), {
      id: randomUUID(),
      hash: hashSecret(token),
      userId,
      kind,
      name,
      expiresAt,
    });
    return { id: stored.id, name, token, expiresAt };
  }
}
