import { Harness, keylessApi, protectedApi, startHarness, TEST_SECRET } from './gateway.spec-helper';

const ADMIN = { 'x-tyk-authorization': TEST_SECRET };

const policies = [
  // Tyk v5.10.2 internal/policy/apply.go: partitioned policies each set their own aspect.
  {
    id: 'rate-a',
    org_id: 'acme',
    rate: 10,
    per: 60,
    partitions: { rate_limit: true, acl: true },
    access_rights: { 'api-a': { api_id: 'api-a', versions: ['Default'] } },
  },
  {
    id: 'quota-b',
    org_id: 'acme',
    quota_max: 100,
    quota_renewal_rate: 3600,
    partitions: { quota: true, acl: true },
    access_rights: { 'api-b': { api_id: 'api-b', versions: ['Default'] } },
  },
  {
    id: 'quota-only-b',
    org_id: 'acme',
    quota_max: 7,
    quota_renewal_rate: 60,
    partitions: { quota: true },
    access_rights: { 'api-b': { api_id: 'api-b', versions: ['Default'] } },
  },
  { id: 'one-a-minute', org_id: 'acme', rate: 1, per: 60, access_rights: { 'api-a': { api_id: 'api-a' } } },
];

describe('Gateway API answers as Tyk 5.10.2 gives them (real HTTP, real Redis)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(
      (upstream) => [
        protectedApi('api-a', '/api-a/', upstream),
        protectedApi('api-b', '/api-b/', upstream),
        keylessApi('open', '/open/', upstream),
        { ...protectedApi('globex-api', '/globex-api/', upstream), org_id: 'globex' },
      ],
      {},
      policies,
    );
  });

  afterAll(async () => harness?.stop());

  async function admin(method: string, path: string, body?: unknown, raw?: string) {
    const response = await fetch(`${harness.gateway.proxyUrl}${path}`, {
      method,
      headers: ADMIN,
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  // gateway/server.go registers each route with its methods; gorilla answers others with 405 (api.go).
  it.each([
    ['DELETE', '/tyk/reload'],
    ['POST', '/tyk/reload/group'],
    ['PATCH', '/tyk/apis'],
    ['PATCH', '/tyk/keys/some-key'],
    ['GET', '/tyk/keys/policy/some-hash'],
  ])('answers %s %s with 405 Method not supported', async (method, path) => {
    expect(await admin(method, path)).toEqual({
      status: 405,
      body: { status: 'error', message: 'Method not supported' },
    });
    const anonymous = await fetch(`${harness.gateway.proxyUrl}${path}`, { method });
    expect(anonymous.status).toBe(403);
  });

  it('words unreadable bodies, missing keys and mismatched ids as Tyk (gateway/api.go)', async () => {
    for (const path of ['/tyk/keys/create', '/tyk/policies', '/tyk/apis']) {
      expect(await admin('POST', path, undefined, '{"org_id": ')).toMatchObject({
        status: 400,
        body: { status: 'error', message: 'Request malformed' },
      });
    }
    expect(await admin('PUT', '/tyk/keys/nope', { org_id: 'acme', apply_policies: ['rate-a'] })).toEqual({
      status: 404,
      body: { status: 'error', message: 'Key is not found' },
    });
    expect(await admin('GET', '/tyk/keys/nope')).toEqual({
      status: 404,
      body: { status: 'error', message: 'Key not found' },
    });
    const api = (await admin('GET', '/tyk/apis/api-a')).body;
    expect(await admin('PUT', '/tyk/apis/api-b', api)).toEqual({
      status: 400,
      body: {
        status: 'error',
        message: 'Request APIID does not match that in Definition! For Update operations these must match.',
        fields: ['id'],
      },
    });
    const broken = await admin('POST', '/tyk/apis', { ...api, api_id: 'broken', proxy: { listen_path: '' } });
    expect(broken.status).toBe(400);
    expect(broken.body['message']).toMatch(/^Validation of API Definition failed\. Reason: .*listen_path/);
  });

  it('stores a key with its partitioned policies merged, as Tyk computes the session', async () => {
    const created = await admin('POST', '/tyk/keys/create', {
      org_id: 'acme',
      rate: 1000,
      per: 1,
      quota_max: 5,
      apply_policies: ['rate-a', 'quota-b', 'quota-only-b'],
    });
    expect(created.status).toBe(200);
    const session = (await admin('GET', `/tyk/keys/${created.body['key_hash']}?hashed=true`)).body;
    expect(session).toMatchObject({ rate: 10, per: 60, quota_max: 100, quota_renewal_rate: 3600 });
    const rights = session['access_rights'] as Record<string, { limit: Record<string, number> }>;
    expect(Object.keys(rights).sort()).toEqual(['api-a', 'api-b']);
    expect(rights['api-a'].limit).toMatchObject({ rate: 10, per: 60 });
    expect(rights['api-b'].limit).toMatchObject({ quota_max: 100, quota_renewal_rate: 3600 });
    const key = String(created.body['key']);
    const call = (api: string) =>
      fetch(`${harness.gateway.proxyUrl}/${api}/x`, { headers: { authorization: key } });
    expect((await call('api-a')).status).toBe(200);
    expect((await call('api-b')).status).toBe(200);
  });

  it('creates a custom-named key usable by that name, read back by name and org_id', async () => {
    const created = await admin('POST', '/tyk/keys/my-partner-key', {
      org_id: 'acme',
      alias: 'partner',
      tags: ['partners'],
      meta_data: { tier: 'gold' },
      access_rights: { 'api-a': { api_id: 'api-a', versions: [] } },
    });
    expect(created.body).toMatchObject({ status: 'ok', action: 'added' });
    const byName = await fetch(`${harness.gateway.proxyUrl}/api-a/x`, {
      headers: { authorization: 'my-partner-key' },
    });
    expect(byName.status).toBe(200);
    expect(await admin('GET', '/tyk/keys/my-partner-key?org_id=acme')).toMatchObject({
      status: 200,
      body: { alias: 'partner', tags: ['partners'], meta_data: { tier: 'gold' } },
    });
    expect((await admin('GET', '/tyk/keys/my-partner-key')).status).toBe(404);
  });

  it("never lets a bare key name reach another organisation's API (attack: guessing names across tenants)", async () => {
    const created = await admin('POST', '/tyk/keys/crossing', {
      org_id: 'acme',
      access_rights: { 'globex-api': { api_id: 'globex-api', versions: [] } },
    });
    expect(created.status).toBe(200);
    const byName = await fetch(`${harness.gateway.proxyUrl}/globex-api/x`, {
      headers: { authorization: 'crossing' },
    });
    expect(byName.status).toBe(403);
  });

  it("sets a key's policies by its hash, the new limits applying at once", async () => {
    const created = await admin('POST', '/tyk/keys/create', { org_id: 'acme', apply_policies: ['rate-a'] });
    const hash = String(created.body['key_hash']);
    const call = () =>
      fetch(`${harness.gateway.proxyUrl}/api-a/x`, {
        headers: { authorization: String(created.body['key']) },
      });
    for (let i = 0; i < 3; i++) expect((await call()).status).toBe(200);
    expect(await admin('POST', `/tyk/keys/policy/${hash}`, { apply_policies: ['one-a-minute'] })).toEqual({
      status: 200,
      body: { key: hash, status: 'ok', action: 'updated' },
    });
    // Three requests in this minute already: one a minute refuses the next, where ten allowed it.
    expect((await call()).status).toBe(429);
    expect(await admin('POST', '/tyk/keys/policy/no-such-hash', { policy: 'rate-a' })).toEqual({
      status: 404,
      body: { status: 'error', message: 'Key not found' },
    });
  });

  // gateway/model_apispec.go sendRateLimitHeaders: on every successful answer, never on an error.
  it('sends quota headers for keyless APIs and unlimited keys, and none on a refusal', async () => {
    const rateHeaders = (response: Response) =>
      ['limit', 'remaining', 'reset'].map((name) => response.headers.get(`x-ratelimit-${name}`));
    expect(rateHeaders(await fetch(`${harness.gateway.proxyUrl}/open/x`))).toEqual(['0', '0', '0']);
    const rights = { 'api-a': { api_id: 'api-a', versions: [] } };
    const unlimited = await admin('POST', '/tyk/keys/create', {
      org_id: 'acme',
      quota_max: -1,
      access_rights: rights,
    });
    const renews = (await admin('GET', `/tyk/keys/${unlimited.body['key_hash']}?hashed=true`)).body[
      'quota_renews'
    ];
    const served = await fetch(`${harness.gateway.proxyUrl}/api-a/x`, {
      headers: { authorization: String(unlimited.body['key']) },
    });
    expect(rateHeaders(served)).toEqual(['-1', '0', String(renews)]);
    const oneLeft = await admin('POST', '/tyk/keys/create', {
      org_id: 'acme',
      quota_max: 1,
      quota_renewal_rate: 3600,
      access_rights: rights,
    });
    const call = () =>
      fetch(`${harness.gateway.proxyUrl}/api-a/x`, {
        headers: { authorization: String(oneLeft.body['key']) },
      });
    expect(rateHeaders(await call()).slice(0, 2)).toEqual(['1', '0']);
    const refused = await call();
    expect(refused.status).toBe(403);
    expect(rateHeaders(refused)).toEqual([null, null, null]);
  });
});
