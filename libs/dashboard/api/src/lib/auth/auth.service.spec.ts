import type {
  OrgRepository,
  Organisation,
  TokenRepository,
  User,
  UserRepository,
} from '@gatehouse/dashboard-data-access';
import { TooManyRequestsError, trustedOrgId, UnauthenticatedError } from '@gatehouse/shared-kernel';

import { AuthService } from './auth.service';
import { ACCOUNT_FAILURES_PER_SOURCE, LOGIN_FAILURES_PER_SOURCE } from './credential-limits';
import { fakeIssuer, FakePasswords, FakeThrottle } from './credential-fakes.spec-helper';

const PASSWORD = 'correct horse battery';
const ACME = trustedOrgId('acme-id');

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

const acme: Organisation = { id: ACME, slug: 'acme', name: 'Acme', createdAt: new Date(0) };
const orgs = { findBySlug: async (slug: string) => (slug === 'acme' ? acme : undefined) };
const users = { findCredentials: async (_orgId: string, email: string) => CREDENTIALS[email] };

describe(AuthService.name, () => {
  let passwords: FakePasswords;
  let throttle: FakeThrottle;
  let sut: AuthService;

  beforeEach(() => {
    passwords = new FakePasswords();
    throttle = new FakeThrottle();
    sut = new AuthService(
      orgs as unknown as OrgRepository,
      users as unknown as UserRepository,
      {} as TokenRepository,
      throttle,
      fakeIssuer(),
      passwords,
    );
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
      expect(throttle.total()).toBe(1);
    });
  });
});
