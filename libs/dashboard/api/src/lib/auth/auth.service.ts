import type {
  CredentialThrottle,
  OrgRepository,
  TokenRepository,
  User,
  UserRepository,
} from '@gatehouse/dashboard-data-access';
import {
  acceptInviteSchema,
  Login,
  loginSchema,
  PasswordHasher,
  scryptPasswordHasher,
} from '@gatehouse/dashboard-domain';
import {
  hashSecret,
  NotFoundError,
  parseOrThrow,
  TooManyRequestsError,
  UnauthenticatedError,
} from '@gatehouse/shared-kernel';
import { randomBytes } from 'node:crypto';

import type { Principal } from '../http/principal';
import { loginThrottleKeys } from './credential-limits';
import type { IssuedToken, TokenIssuer } from './token-issuer';

/**
 * Who a caller is: logins (scrypt-hashed passwords, throttled), accepted invitations, and the principal
 * behind a bearer token. Sessions are issued by the TokenIssuer.
 */
export class AuthService {
  /**
   * A hash of a random password nobody knows, checked when the org or user is unknown, inactive or
   * has no password yet: every login then costs one password check, so response times do not tell
   * which orgs and emails exist.
   */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly orgs: OrgRepository,
    private readonly users: UserRepository,
    private readonly tokens: TokenRepository,
    private readonly throttle: Pick<CredentialThrottle, 'reserve' | 'refund' | 'clear'>,
    private readonly issuer: TokenIssuer,
    private readonly passwords: PasswordHasher = scryptPasswordHasher,
  ) {
    this.dummyHash = passwords.hash(randomBytes(32).toString('hex'));
    // Awaited by logins, which fail if it did; never an unhandled rejection at boot.
    this.dummyHash.catch(() => undefined);
  }

  /**
   * An attempt is reserved (counted) before the password is checked and given back when it was right,
   * so of any number of parallel guesses at most the limit are ever checked; see credential-limits.ts
   * for what is counted.
   */
  async login(body: unknown, clientIp: string): Promise<IssuedToken> {
    const input = parseOrThrow(loginSchema, body);
    const { account, source } = loginThrottleKeys(input.org, input.email, clientIp);
    const waitMs = await this.throttle.reserve([account, source]);
    if (waitMs > 0) {
      throw new TooManyRequestsError('too many failed logins; try again later', Math.ceil(waitMs / 1000));
    }
    const user = await this.checkPassword(input);
    if (!user) throw new UnauthenticatedError('wrong organisation, email or password');
    await Promise.all([this.throttle.clear([account]), this.throttle.refund([source])]);
    return this.issuer.session(user.orgId, user.id);
  }

  /** The active user these credentials prove, or undefined; one password check whatever the outcome. */
  private async checkPassword(input: Login): Promise<User | undefined> {
    const org = await this.orgs.findBySlug(input.org);
    const found = org ? await this.users.findCredentials(org.id, input.email) : undefined;
    const ok = await this.passwords.verify(input.password, found?.passwordHash ?? (await this.dummyHash));
    return ok && found?.passwordHash && found.user.active ? found.user : undefined;
  }

  async acceptInvitation(body: unknown): Promise<IssuedToken> {
    const input = parseOrThrow(acceptInviteSchema, body);
    const user = await this.users.findByInvitation(hashSecret(input.invitation));
    if (!user) throw new NotFoundError('unknown or already used invitation');
    await this.users.activate(user.orgId, user.id, await this.passwords.hash(input.password));
    return this.issuer.session(user.orgId, user.id);
  }

  /** The principal behind a bearer token, or undefined for unknown, expired, revoked or deactivated. */
  async resolve(rawToken: string, requestId: string): Promise<Principal | undefined> {
    const token = await this.tokens.findLive(hashSecret(rawToken), new Date());
    if (!token) return undefined;
    const user = await this.users.get(token.orgId, token.userId);
    if (!user || !user.active) return undefined;
    return {
      orgId: user.orgId,
      userId: user.id,
      email: user.email,
      role: user.role,
      requestId,
      credential: { id: token.id, kind: token.kind, expiresAt: token.expiresAt },
    };
  }
}
