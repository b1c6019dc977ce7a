import type { PasswordHasher } from '@gatehouse/dashboard-domain';
import type {
  CredentialThrottle,
  Organisation,
  StoredToken,
  ThrottleKey,
  User,
} from '@gatehouse/dashboard-data-access';
import {
  ForbiddenError,
  TooManyRequestsError,
  trustedOrgId,
  UnauthenticatedError,
} from '@gatehouse/shared-kernel';

import { AuthService } from './auth.service';
import {
  ACCOUNT_FAILURES_PER_SOURCE,
  ADMIN_SECRET_FAILURES_PER_SOURCE,
  LOGIN_FAILURES_PER_SOURCE,
} from './credential-limits';
import type { DashboardApiOptions, DashboardStores } from './dashboard-stores';

const ADMIN_SECRET = 'platform admin secret';
const PASSWORD = 'correct horse battery';
const ACME = trustedOrgId('acme-id');

/** Hashes are readable; every check is recorded with the hash it was made against. */
class FakePasswords implements PasswordHasher {
  readonly checked: string[] = [];

  async hash(password: string): Promise<string> {
    return `hashed:${password}`;
  }

  async verify(password: string, stored: string): Promise<boolean> {
    this.checked.push(stored);
    return stored === `hashed:${password}`;
  }
}

/** The same rules as the Redis script, in memory: all keys or none, refused at the limit. */
class FakeThrottle implements Pick<CredentialThrottle, 'reserve' | 'refund' | 'clear'> {
  readonly counts = new Map<string, number>();

  async reserve(keys: ThrottleKey[]): Promise<number> {
    if (keys.some(({ key, limit }) => (this.counts.get(key) ?? 0) >= limit)) return 60_000;
    for (const { key } of keys) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return 0;
  }

  async refund(keys: ThrottleKey[]): Promise<void> {
    for (const { key } of keys) this.counts.set(key, Math.max(0, (this.counts.get(key) ?? 0) - 1));
  }

  async clear(keys: ThrottleKey[]): Promise<void> {
    for (const { key } of keys) this.counts.delete(key);
  }
}

function user(email: string, fields: Partial<User> = {}): User {
  return {
    id: email,
    orgId: ACME,
    email,
    name: email,
    role: 'owner',
    active: true,
    activated: true,
    createdAt: new Date(0),
    ...fields,
  };
}

const CREDENTIALS: Record<string, { user: User; passwordHash: string | null }> = {
  'owner@acme.example': { user: user('owner@acme.example'), passwordHash: `hashed:${PASSWORD}` },
  'gone@acme.example': {
    user: user('gone@acme.example', { active: false }),
    passwordHash: `hashed:${PASSWORD}`,
  },
  'invited@acme.example': { user: user('invited@acme.example', { activated: false }), passwordHash: null },
};

function fakeStores(throttle: FakeThrottle): DashboardStores {
  const acme: Organisation = { id: ACME, slug: 'acme', name: 'Acme', createdAt: new Date(0) };
  const stores = {
    orgs: {
      findBySlug: async (slug: string) => (slug === 'acme' ? acme : undefined),
      create: async (org: { id: string; slug: string; name: string }) => ({
        ...org,
        id: trustedOrgId(org.id),
        createdAt: new Date(0),
      }),
    },
    users: {
      findCredentials: async (_orgId: string, email: string) => CREDENTIALS[email],
      create: async (_orgId: string, created: { email: string }) => user(created.email),
    },
    tokens: {
      create: async (orgId: string, token: Omit<StoredToken, 'orgId' | 'createdAt' | 'revokedAt'>) => ({
        ...token,
        orgId,
        createdAt: new Date(0),
        revokedAt: null,
      }),
    },
    audit: { record: async () => undefined },
    credentialThrottle: throttle,
  };
  return stores as unknown as DashboardStores;
}

describe(AuthService.name, () => {
  let passwords: FakePasswords;
  let throttle: FakeThrottle;
  let sut: AuthService;

  beforeEach(() => {
    passwords = new FakePasswords();
    throttle = new FakeThrottle();
    const options: DashboardApiOptions = {
      stores: fakeStores(throttle),
      adminSecret: ADMIN_SECRET,
      sessionHours: 12,
      hashKeyFunction: 'murmur64',
    } as DashboardApiOptions;
    sut = new AuthService(options, passwords);
  });

  const login = (email: string, password: string, ip = '192.0.2.1', org = 'acme') =>
    sut.login({ org, email, password }, ip);

  describe('login', () => {
    it('logs in with the right password, checked once', async () => {
      const issued = await login('owner@acme.example', PASSWORD);
      expect(issued.token).toMatch(/^ghs_/);
      expect(passwords.checked).toEqual([`hashed:${PASSWORD}`]);
    });

    it.each([
      ['an unknown org', 'owner@acme.example', 'globex'],
      ['an unknown user', 'nobody@acme.example', 'acme'],
      ['an inactive user', 'gone@acme.example', 'acme'],
      ['an invited user without a password', 'invited@acme.example', 'acme'],
    ])(
      'checks a password for %s too (against a dummy hash where there is none), then refuses',
      async (_case, email, org) => {
        await expect(login(email, PASSWORD, '192.0.2.1', org)).rejects.toThrow(UnauthenticatedError);
        expect(passwords.checked).toHaveLength(1);
      },
    );

    it('checks unknown users against one dummy hash that no password matches', async () => {
      await expect(login('nobody@acme.example', PASSWORD)).rejects.toThrow(UnauthenticatedError);
      await expect(login('owner@acme.example', PASSWORD, '192.0.2.1', 'globex')).rejects.toThrow(
        UnauthenticatedError,
      );
      const [first, second] = passwords.checked;
      expect(first).toBe(second);
      expect(first).toMatch(/^hashed:[0-9a-f]{64}$/);
    });

    it('refuses an address over the account limit before checking the password, even the right one', async () => {
      for (let index = 0; index < ACCOUNT_FAILURES_PER_SOURCE; index++)
        await expect(login('owner@acme.example', 'wrong password', '198.51.100.7')).rejects.toThrow(
          UnauthenticatedError,
        );
      passwords.checked.length = 0;
      await expect(login('owner@acme.example', PASSWORD, '198.51.100.7')).rejects.toMatchObject(
        new TooManyRequestsError('too many failed logins; try again later', 60),
      );
      expect(passwords.checked).toEqual([]);
      // The owner, elsewhere, is not locked out.
      await expect(login('owner@acme.example', PASSWORD, '203.0.113.5')).resolves.toHaveProperty('token');
    });

    it('limits one address across accounts too', async () => {
      for (let index = 0; index < LOGIN_FAILURES_PER_SOURCE; index++)
        await expect(login(`guess-${index}@acme.example`, 'wrong password', '198.51.100.8')).rejects.toThrow(
          UnauthenticatedError,
        );
      await expect(login('owner@acme.example', PASSWORD, '198.51.100.8')).rejects.toThrow(
        TooManyRequestsError,
      );
      await expect(login('owner@acme.example', PASSWORD, '198.51.100.9')).resolves.toHaveProperty('token');
    });

    it("gives a successful login's attempts back and clears the account's failures from that address", async () => {
      await expect(login('owner@acme.example', 'typo password', '192.0.2.2')).rejects.toThrow();
      await login('owner@acme.example', PASSWORD, '192.0.2.2');
      expect([...throttle.counts.values()].reduce((sum, count) => sum + count, 0)).toBe(1);
    });
  });

  describe('createOrg', () => {
    const body = {
      slug: 'initech',
      name: 'Initech',
      owner: { email: 'o@initech.example', name: 'O', password: 'long enough password' },
    };

    it('refuses an address that keeps sending wrong admin secrets, not another address', async () => {
      for (let index = 0; index < ADMIN_SECRET_FAILURES_PER_SOURCE; index++)
        await expect(sut.createOrg(body, `guess ${index}`, '198.51.100.7', 'req')).rejects.toThrow(
          ForbiddenError,
        );
      await expect(sut.createOrg(body, ADMIN_SECRET, '198.51.100.7', 'req')).rejects.toThrow(
        TooManyRequestsError,
      );
      await expect(sut.createOrg(body, ADMIN_SECRET, '203.0.113.5', 'req')).resolves.toHaveProperty('token');
    });

    it('does not count right secrets', async () => {
      for (let index = 0; index < ADMIN_SECRET_FAILURES_PER_SOURCE + 2; index++)
        await sut.createOrg(body, ADMIN_SECRET, '192.0.2.3', 'req');
      expect([...throttle.counts.values()].every((count) => count === 0)).toBe(true);
    });
  });
});
