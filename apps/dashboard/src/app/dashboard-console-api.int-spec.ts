import { startTestDashboard, TEST_PASSWORD, TestDashboard } from './test-dashboard.spec-helper';

interface Answer<T> {
  status: number;
  body: T;
  total: string | null;
  ms: number;
}

interface Listed {
  id: string;
  regions?: { id: string }[];
}

const api = (id: string, name: string, listenPath: string, extra: Record<string, unknown> = {}) => ({
  api_id: id,
  name,
  proxy: { listen_path: listenPath, target_url: 'http://127.0.0.1:1' },
  active: true,
  ...extra,
});

/** The list filters, totals, sign-out and `/me` the web console is built on, and how each resists abuse. */
describe('dashboard API for the console: filters, totals, sign-out (real MongoDB-compatible server)', () => {
  let sut: TestDashboard;
  let acme: string;
  let globex: string;

  async function get<T = Listed[]>(path: string, token = acme): Promise<Answer<T>> {
    const started = performance.now();
    const response = await fetch(`${sut.url}/api/v1${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      total: response.headers.get('x-total-count'),
      ms: performance.now() - started,
    };
  }

  async function write(method: string, path: string, body: unknown, token = acme): Promise<void> {
    const answer = await sut.call(method, path, token, body);
    if (answer.status >= 300)
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  const ids = (answer: Answer<Listed[]>) => answer.body.map((entry) => entry.id);

  beforeAll(async () => {
    sut = await startTestDashboard('console-api');
    acme = (await sut.createOrg('acme')).token;
    globex = (await sut.createOrg('globex')).token;
    await write('POST', '/gateway-groups', { groupId: 'eu', name: 'EU', region: 'eu-west', tags: ['eu'] });
    await write('POST', '/gateway-groups', { groupId: 'all', name: 'Everywhere', region: 'global' });
    await write('POST', '/apis', api('payments', 'Payments', '/pay/', { tags: ['eu'] }));
    await write('POST', '/apis', api('search', 'Search API', '/find/', { tags: ['us'], active: false }));
    await write('POST', '/apis', api('weird', 'Weird .* (a+)+$ \\ name', '/weird/'));
    await write('POST', '/apis', api('long-a', 'a'.repeat(60), '/long/'));
    await write(
      'POST',
      '/gateway-groups',
      { groupId: 'eu', name: 'Globex EU', region: 'eu-central' },
      globex,
    );
    await write(
      'POST',
      '/apis',
      api('globex-payments', 'Payments of Globex', '/gpay/', { tags: ['eu'] }),
      globex,
    );
    await write('POST', '/policies', { id: 'gold', name: 'Gold plan', rate: 100, per: 1 });
    await write('POST', '/policies', { id: 'silver', name: 'Silver plan', rate: 10, per: 1 });
    await write('POST', '/policies', { id: 'gold', name: 'Gold of Globex', rate: 1, per: 1 }, globex);
    for (const inactive of [false, false, true])
      await write('POST', '/keys', { apply_policies: ['gold'], is_inactive: inactive });
    await write('POST', '/keys', { apply_policies: ['silver'] });
    await write('POST', '/keys', { apply_policies: ['gold'] }, globex);
  });

  afterAll(async () => {
    await sut?.close();
  });

  describe('GET /apis', () => {
    it('pages through the org and answers how many match in X-Total-Count', async () => {
      const first = await get('/apis?limit=2');
      expect(first).toMatchObject({ status: 200, total: '4' });
      expect(ids(first)).toEqual(['long-a', 'payments']);
      expect(ids(await get('/apis?limit=2&offset=2'))).toEqual(['search', 'weird']);
      expect((await get('/apis?offset=10')).body).toEqual([]);
    });

    it('filters by text in the name, api_id or listen path, case-insensitively, and counts the same', async () => {
      expect(ids(await get('/apis?q=PAYM'))).toEqual(['payments']);
      expect(ids(await get('/apis?q=rch'))).toEqual(['search']);
      expect(ids(await get('/apis?q=%2Ffind'))).toEqual(['search']);
      const named = await get('/apis?q=search%20api&limit=1');
      expect(named).toMatchObject({ total: '1' });
    });

    it('filters by tag and by active, combined with text', async () => {
      expect(ids(await get('/apis?tag=eu'))).toEqual(['payments']);
      expect(await get('/apis?active=false')).toMatchObject({ total: '1', body: [{ id: 'search' }] });
      expect((await get('/apis?active=true')).total).toBe('3');
      expect((await get('/apis?tag=eu&q=search')).total).toBe('0');
    });

    it('lists the gateway groups serving each API, by the bridges rule (shared tag, or untagged)', async () => {
      const regions = Object.fromEntries(
        (await get('/apis')).body.map((entry) => [entry.id, entry.regions?.map((group) => group.id)]),
      );
      expect(regions).toEqual({
        payments: ['all', 'eu'],
        search: ['all'],
        weird: ['all', 'eu'],
        'long-a': ['all', 'eu'],
      });
    });

    it.each(['.*', '(a+)+$', '\\', 'a'.repeat(40) + '(a|a)*$'])(
      'matches q=%j literally, never as a pattern, and answers fast (attack: regex injection, ReDoS)',
      async (q) => {
        const answer = await get(`/apis?q=${encodeURIComponent(q)}`);
        expect(answer.status).toBe(200);
        expect(ids(answer)).toEqual(q.length < 10 ? ['weird'] : []);
        expect(answer.ms).toBeLessThan(1000);
      },
    );

    it('refuses q over 100 characters, naming it', async () => {
      const answer = await get<{ message: string }>(`/apis?q=${'a'.repeat(101)}`);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('q');
    });
  });

  it('filters policies by name or id, literally, with the total', async () => {
    expect(await get('/policies?q=plan')).toMatchObject({ total: '2' });
    expect(ids(await get('/policies?q=SILV'))).toEqual(['silver']);
    expect(await get('/policies?q=.*')).toMatchObject({ status: 200, body: [], total: '0' });
  });

  it('counts keys with the same filter as the page', async () => {
    expect(await get('/keys?limit=1')).toMatchObject({ total: '4' });
    expect((await get('/keys?limit=1')).body).toHaveLength(1);
    expect(await get('/keys?policy=gold')).toMatchObject({ total: '3' });
    expect(await get('/keys?policy=gold&inactive=true')).toMatchObject({ total: '1' });
  });

  it('answers totals for users and the audit trail', async () => {
    expect(await get('/users')).toMatchObject({ status: 200, total: '1' });
    const audit = await get<unknown[]>('/audit?limit=1&resource=apis');
    expect(audit).toMatchObject({ status: 200, total: '4' });
    expect(audit.body).toHaveLength(1);
  });

  it.each(['/apis', '/policies', '/keys', '/users', '/audit'])(
    'refuses a limit over 500, a negative offset and non-numbers on %s, naming the field',
    async (path) => {
      for (const [query, field] of [
        ['limit=501', 'limit'],
        ['limit=abc', 'limit'],
        ['offset=-1', 'offset'],
        ['offset=x', 'offset'],
      ]) {
        const answer = await get<{ message: string }>(`${path}?${query}`);
        expect(answer.status).toBe(400);
        expect(answer.body.message).toContain(field);
      }
    },
  );

  it("never shows another org's APIs, groups, keys or policies, in lists, totals or regions", async () => {
    const apis = await get('/apis?limit=500');
    expect(ids(apis)).not.toContain('globex-payments');
    expect(apis.total).toBe('4');
    expect(JSON.stringify(apis.body)).not.toContain('Globex');
    expect((await get('/apis?q=globex')).total).toBe('0');
    expect(await get('/keys?policy=gold')).toMatchObject({ total: '3' });
    expect(await get('/policies?q=globex')).toMatchObject({ total: '0' });
    const theirs = await get('/apis', globex);
    expect(theirs).toMatchObject({ total: '1', body: [{ id: 'globex-payments', regions: [{ id: 'eu' }] }] });
  });

  describe('sign-out and /me', () => {
    const login = async () => {
      const answer = await sut.call<{ token: string }>('POST', '/auth/login', undefined, {
        org: 'acme',
        email: 'owner@acme.example',
        password: TEST_PASSWORD,
      });
      return answer.body.token;
    };

    it('ends the calling session only: the same token then answers 401, other sessions go on', async () => {
      const [first, second] = [await login(), await login()];
      expect((await sut.call('POST', '/auth/logout', first)).status).toBe(204);
      expect((await sut.call('GET', '/me', first)).status).toBe(401);
      expect((await sut.call('POST', '/auth/logout', first)).status).toBe(401);
      expect((await sut.call('GET', '/me', second)).status).toBe(200);
      expect((await sut.call('GET', '/me', acme)).status).toBe(200);
      const audit = await get<{ action: string; resource: string }[]>('/audit?resource=sessions');
      expect(audit.body.map((entry) => entry.action)).toEqual(['logout']);
    });

    it('refuses to log out an API token, saying how to revoke it', async () => {
      const created = await sut.call<{ token: string }>('POST', '/me/tokens', acme, { name: 'ci' });
      const answer = await sut.call<{ message: string }>('POST', '/auth/logout', created.body.token);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('/me/tokens');
      expect((await sut.call('GET', '/me', created.body.token)).status).toBe(200);
    });

    it("answers the session's end, the role and what it permits", async () => {
      const before = Date.now();
      const token = await login();
      const me = await get<{
        sessionExpiresAt: string;
        permissions: string[];
        role: string;
        tokenKind: string;
      }>('/me', token);
      expect(me.body).toMatchObject({ role: 'owner', tokenKind: 'session' });
      expect(Date.parse(me.body.sessionExpiresAt)).toBeGreaterThan(before + 3_600_000);
      expect(me.body.permissions).toEqual(expect.arrayContaining(['apis:write', 'org:write', 'audit:read']));
      const invited = await sut.call<{ invitation: string }>('POST', '/users', acme, {
        email: 'viewer@acme.example',
        name: 'V',
        role: 'viewer',
      });
      const viewer = await sut.call<{ token: string }>('POST', '/auth/accept-invitation', undefined, {
        invitation: invited.body.invitation,
        password: TEST_PASSWORD,
      });
      const permissions = (await get<{ permissions: string[] }>('/me', viewer.body.token)).body.permissions;
      expect(permissions).toContain('apis:read');
      expect(permissions.filter((permission) => permission.endsWith(':write'))).toEqual([]);
    });
  });
});
