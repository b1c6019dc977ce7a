import { DASHBOARD_CONTROLLERS, routesOf } from '@gatehouse/dashboard-api';
import { allows, ROLES } from '@gatehouse/dashboard-domain';

import { startTestDashboard, TestDashboard } from './test-dashboard.spec-helper';

const ROUTES = routesOf(DASHBOARD_CONTROLLERS);

/**
 * Walks every route the dashboard serves (read from Nest's metadata, so none can be missed): one org's
 * resources are invisible to another org, and every role gets exactly the access the matrix grants.
 */
describe('dashboard access: tenant isolation and the RBAC matrix, over every route', () => {
  let sut: TestDashboard;
  const fixtures: Record<string, string> = {};
  let ownerA: string;
  let ownerB: string;

  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) =>
    sut.call<T>(method, path, token, body);

  /** Real values for a route's path parameters: org A's fixtures. */
  function pathFor(route: { path: string }): string {
    const resource = route.path.split('/')[1];
    return route.path.replace(':hash', fixtures['key']).replace(':id', fixtures[resource] ?? 'missing');
  }

  beforeAll(async () => {
    sut = await startTestDashboard('access');
    ownerA = (await sut.createOrg('org-a')).token;
    ownerB = (await sut.createOrg('org-b')).token;
    await call('POST', '/apis', ownerA, {
      api_id: 'fixture-api',
      proxy: { listen_path: '/fixture/', target_url: 'http://up' },
    });
    fixtures['apis'] = 'fixture-api';
    await call('POST', '/policies', ownerA, {
      id: 'fixture-policy',
      rate: 1,
      per: 1,
      access_rights: { 'fixture-api': { api_id: 'fixture-api' } },
    });
    fixtures['policies'] = 'fixture-policy';
    // By reference: every role that may read keys can name a key so; only key managers by hash.
    fixtures['key'] = (
      await call<{ ref: string }>('POST', '/keys', ownerA, { apply_policies: ['fixture-policy'] })
    ).body.ref;
    await call('POST', '/gateway-groups', ownerA, { groupId: 'fixture-group', name: 'EU', region: 'eu' });
    fixtures['gateway-groups'] = 'fixture-group';
    fixtures['users'] = (
      await call<{ user: { id: string } }>('POST', '/users', ownerA, {
        email: 'someone@org-a.example',
        name: 'Someone',
        role: 'viewer',
      })
    ).body.user.id;
    fixtures['tokens'] = 'no-such-token';
  });

  afterAll(async () => sut?.close());

  it('found the fixtures', () => {
    expect(Object.values(fixtures).every(Boolean)).toBe(true);
  });

  describe('tenant isolation', () => {
    const withParam = ROUTES.filter((route) => route.permission && /:(id|hash)/.test(route.path));

    it.each(withParam.filter((route) => route.method !== 'PUT').map((route) => [route.method, route.path]))(
      "%s %s with another org's id answers 404",
      async (method, path) => {
        const body = method === 'PATCH' ? { name: 'renamed' } : method === 'POST' ? {} : undefined;
        const answer = await call(method, pathFor({ path }), ownerB, body);
        expect(answer.status).toBe(404);
      },
    );

    it.each(withParam.filter((route) => route.method === 'PUT').map((route) => [route.path]))(
      "PUT %s from another org never touches this org's resource",
      async (path) => {
        const before = await call<{ document: unknown; rev: number }>('GET', pathFor({ path }), ownerA);
        await call('PUT', pathFor({ path }), ownerB, before.body.document);
        const after = await call<{ rev: number }>('GET', pathFor({ path }), ownerA);
        expect(after.body.rev).toBe(before.body.rev);
      },
    );

    it('lists nothing of another org', async () => {
      const orgA = (await call<{ orgId: string }>('GET', '/me', ownerA)).body.orgId;
      const lists = ROUTES.filter(
        (candidate) => candidate.method === 'GET' && candidate.permission && !candidate.path.includes(':'),
      );
      for (const route of lists) {
        const answer = await call('GET', route.path, ownerB);
        expect(answer.status).toBe(200);
        expect(JSON.stringify(answer.body)).not.toContain(orgA);
        expect(JSON.stringify(answer.body)).not.toContain('someone@org-a');
      }
    });
  });

  describe('RBAC matrix', () => {
    const tokens: Record<string, string> = {};

    beforeAll(async () => {
      for (const role of ROLES) {
        const invited = await call<{ invitation: string }>('POST', '/users', ownerA, {
          email: `${role}@org-a.example`,
          name: role,
          role,
        });
        const accepted = await sut.call<{ token: string }>('POST', '/auth/accept-invitation', undefined, {
          invitation: invited.body.invitation,
          password: 'member password 1',
        });
        tokens[role] = accepted.body.token;
      }
    });

    const cases = ROUTES.filter((route) => route.permission).flatMap((route) =>
      ROLES.map((role) => [role, route.method, route.path] as const),
    );

    it.each(cases)('%s: %s %s', async (role, method, path) => {
      const route = ROUTES.find((candidate) => candidate.method === method && candidate.path === path)!;
      const answer = await call(
        method,
        pathFor(route),
        tokens[role],
        method === 'GET' || method === 'DELETE' ? undefined : {},
      );
      const permitted = allows(role, route.permission!.resource, route.permission!.verb);
      if (permitted) expect(answer.status).not.toBe(403);
      else
        expect(answer).toMatchObject({
          status: 403,
          body: { message: `role ${role} may not ${route.permission!.verb} ${route.permission!.resource}` },
        });
    });
  });
});
