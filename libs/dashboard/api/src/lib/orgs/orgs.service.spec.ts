import type { OrgRepository, User, UserRepository } from '@gatehouse/dashboard-data-access';
import { ConflictError, ForbiddenError, TooManyRequestsError, trustedOrgId } from '@gatehouse/shared-kernel';

import type { AuditedChange, AuditRecorder } from '../audit/audit.service';
import { AdminSecretCheck } from '../auth/admin-secret-check';
import { fakeIssuer, FakePasswords, FakeThrottle } from '../auth/credential-fakes.spec-helper';
import { ADMIN_SECRET_FAILURES_PER_SOURCE } from '../auth/credential-limits';
import { OrgsService } from './orgs.service';

const ADMIN_SECRET = 'platform admin secret';

/** Slugs are unique, as the index makes them: a taken one fails with MongoDB's duplicate-key error. */
class FakeOrgs {
  private readonly slugs = new Set<string>();

  async create(org: { id: string; slug: string; name: string }) {
    if (this.slugs.has(org.slug)) throw Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
    this.slugs.add(org.slug);
    return { ...org, id: trustedOrgId(org.id), createdAt: new Date(0) };
  }
}

const users = {
  create: async (orgId: string, created: Omit<User, 'orgId' | 'active' | 'activated' | 'createdAt'>) => ({
    ...created,
    orgId,
    active: true,
    activated: true,
    createdAt: new Date(0),
  }),
};

describe(OrgsService.name, () => {
  let throttle: FakeThrottle;
  let audited: AuditedChange[];
  let sut: OrgsService;

  beforeEach(() => {
    throttle = new FakeThrottle();
    audited = [];
    const audit: AuditRecorder = { record: async (_principal, change) => void audited.push(change) };
    sut = new OrgsService(
      new FakeOrgs() as unknown as OrgRepository,
      users as unknown as UserRepository,
      new AdminSecretCheck(throttle, ADMIN_SECRET),
      fakeIssuer(),
      audit,
      new FakePasswords(),
    );
  });

  const body = (slug = 'initech') => ({
    slug,
    name: 'Initech',
    owner: { email: `o@${slug}.example`, name: 'O', password: 'long enough password' },
  });

  it('creates the org and its owner (password hashed), audits it, and answers a login session', async () => {
    const created = await sut.create(body(), ADMIN_SECRET, '192.0.2.3', 'req');
    expect(created).toMatchObject({
      org: { slug: 'initech' },
      owner: { role: 'owner' },
      token: expect.stringMatching(/^ghs_/),
    });
    expect(audited).toEqual([
      expect.objectContaining({ action: 'create', resource: 'org', resourceId: created.org.id }),
    ]);
  });

  it('answers 409 for a taken slug', async () => {
    await sut.create(body(), ADMIN_SECRET, '192.0.2.3', 'req');
    await expect(sut.create(body(), ADMIN_SECRET, '192.0.2.3', 'req')).rejects.toEqual(
      new ConflictError('organisation initech already exists'),
    );
  });

  it('refuses an address that keeps sending wrong admin secrets, not another address', async () => {
    for (let index = 0; index < ADMIN_SECRET_FAILURES_PER_SOURCE; index++)
      await expect(sut.create(body(), `guess ${index}`, '198.51.100.7', 'req')).rejects.toThrow(
        ForbiddenError,
      );
    await expect(sut.create(body(), ADMIN_SECRET, '198.51.100.7', 'req')).rejects.toThrow(
      TooManyRequestsError,
    );
    await expect(sut.create(body(), ADMIN_SECRET, '203.0.113.5', 'req')).resolves.toHaveProperty('token');
  });

  it('does not count right secrets', async () => {
    for (let index = 0; index < ADMIN_SECRET_FAILURES_PER_SOURCE + 2; index++)
      await sut.create(body(`org-${index}`), ADMIN_SECRET, '192.0.2.3', 'req');
    expect(throttle.total()).toBe(0);
  });
});
