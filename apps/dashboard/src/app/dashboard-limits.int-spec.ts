import { startTestDashboard, TestDashboard } from './test-dashboard.spec-helper';

type Refusal = { message: string; issues?: { path: string; message: string }[] };

const fields = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`f${i}`, i]));
const api = (id: string, extra: Record<string, unknown> = {}) => ({
  api_id: id,
  name: id,
  proxy: { listen_path: `/${id}/`, target_url: 'http://upstream.example' },
  ...extra,
});

/** Calls the API with fetch, for the headers `TestDashboard.call` does not return. */
async function post(sut: TestDashboard, path: string, token: string, body: unknown) {
  const response = await fetch(`${sut.url}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Refusal };
}

describe('dashboard limits: document size and shape, per-org write rate and concurrency (real services)', () => {
  describe('documents', () => {
    let sut: TestDashboard;
    let owner: string;

    beforeAll(async () => {
      sut = await startTestDashboard('doc-limits');
      owner = (await sut.createOrg('docs')).token;
      expect((await sut.call('POST', '/apis', owner, api('orders'))).status).toBe(201);
    });

    afterAll(async () => sut?.close());

    it("refuses the incident's key (a ~1 MB meta_data of 60,000 fields) with 400 naming the field and limit", async () => {
      const key = {
        access_rights: { orders: { api_id: 'orders', versions: ['Default'] } },
        meta_data: fields(60_000),
      };
      // Under the 1 MiB body limit, as in the incident: only the document limits can refuse it.
      expect(JSON.stringify(key).length).toBeGreaterThan(800_000);
      expect(JSON.stringify(key).length).toBeLessThan(1024 * 1024);
      const answer = await sut.call<Refusal>('POST', '/keys', owner, key);
      expect(answer.status).toBe(400);
      expect(answer.body.issues).toEqual([
        { path: 'meta_data', message: 'has 60000 fields; at most 100 are allowed' },
      ]);
      expect((await sut.call<unknown[]>('GET', '/keys', owner)).body).toEqual([]);
    });

    it('refuses too many tags, and a tag too long, on keys, policies and gateway groups', async () => {
      const tags = Array.from({ length: 51 }, (_, i) => `t${i}`);
      const key = await sut.call<Refusal>('POST', '/keys', owner, {
        access_rights: { orders: { api_id: 'orders', versions: ['Default'] } },
        tags,
      });
      expect(key.status).toBe(400);
      expect(key.body.issues).toEqual([{ path: 'tags', message: 'has 51 items; at most 50 are allowed' }]);
      const policy = await sut.call<Refusal>('POST', '/policies', owner, {
        id: 'gold',
        rate: 10,
        per: 1,
        tags: ['ok', 'x'.repeat(201)],
      });
      expect(policy.status).toBe(400);
      expect(policy.body.message).toBe('tags.1: is 201 characters long; at most 200 are allowed');
      const group = await sut.call<Refusal>('POST', '/gateway-groups', owner, {
        groupId: 'eu',
        name: 'EU',
        region: 'eu',
        tags,
      });
      expect(group.status).toBe(400);
      expect(group.body.issues?.[0].path).toBe('tags');
    });

    it('refuses an API definition past 512 KiB naming its largest field, and writes nothing of an import', async () => {
      const big = api('big', {
        config_data: Object.fromEntries(
          Array.from({ length: 9 }, (_, i) => [`part${i}`, 'x'.repeat(60_000)]),
        ),
      });
      const single = await sut.call<Refusal>('POST', '/apis', owner, big);
      expect(single.status).toBe(400);
      expect(single.body.message).toMatch(
        /^\(root\): the API definition is 527\.\d KiB of JSON; at most 512 KiB are allowed \(the largest field is config_data, /,
      );
      const imported = await sut.call<Refusal>('POST', '/apis/import', owner, [api('fine'), big]);
      expect(imported.status).toBe(400);
      expect(imported.body.issues?.[0].path).toBe('1');
      expect((await sut.call('GET', '/apis/fine', owner)).status).toBe(404);
    });

    it('names a field past its limit inside a key import, and imports nothing', async () => {
      const session = { access_rights: { orders: { api_id: 'orders', versions: ['Default'] } } };
      const answer = await sut.call<Refusal>('POST', '/keys/import', owner, [
        { key_hash: 'abcdef0123456789', session },
        { key_hash: 'abcdef0123456780', session: { ...session, meta_data: fields(101) } },
      ]);
      expect(answer.status).toBe(400);
      expect(answer.body.issues).toEqual([
        { path: '1.session.meta_data', message: 'has 101 fields; at most 100 are allowed' },
      ]);
      expect((await sut.call<unknown[]>('GET', '/keys', owner)).body).toEqual([]);
    });

    it('still stores documents within the limits', async () => {
      const created = await sut.call('POST', '/keys', owner, {
        access_rights: { orders: { api_id: 'orders', versions: ['Default'] } },
        meta_data: fields(100),
        tags: ['a', 'b'],
      });
      expect(created.status).toBe(201);
    });
  });

  describe('writes', () => {
    let sut: TestDashboard;
    let orgA: { token: string; orgId: string };
    let orgB: { token: string; orgId: string };

    beforeAll(async () => {
      sut = await startTestDashboard('write-limits', undefined, {
        // One token a minute after a burst of five: nothing refills while the test runs.
        limits: { writes: { perSecond: 1 / 60, burst: 5 } },
      });
      orgA = await sut.createOrg('org-a');
      orgB = await sut.createOrg('org-b');
    });

    afterAll(async () => sut?.close());

    it("answers 429 with Retry-After once an org is over its write rate; another org's write succeeds", async () => {
      for (let i = 0; i < 5; i++)
        expect((await post(sut, '/apis', orgA.token, api(`a${i}`))).status).toBe(201);
      const refused = await post(sut, '/apis', orgA.token, api('a5'));
      expect(refused.status).toBe(429);
      expect(refused.body.message).toMatch(
        new RegExp(
          `^org ${orgA.orgId} is over its write rate \\(0\\.0167 a second, bursts of 5\\); retry in \\d+ s$`,
        ),
      );
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(30);
      expect((await sut.call('GET', '/apis/a5', orgA.token)).status).toBe(404);
      // Reads are not writes: the org can still look.
      expect((await sut.call('GET', '/apis', orgA.token)).status).toBe(200);
      expect((await post(sut, '/apis', orgB.token, api('b0'))).status).toBe(201);
    });
  });

  describe('concurrent writes', () => {
    let sut: TestDashboard;
    let owner: { token: string; orgId: string };

    beforeAll(async () => {
      sut = await startTestDashboard('write-slots', undefined, {
        limits: { writes: { concurrentPerOrg: 1, queuedPerOrg: 0, concurrent: 4, queued: 0 } },
      });
      owner = await sut.createOrg('slots');
    });

    afterAll(async () => sut?.close());

    it('runs one write of the org at a time with no queue here: the rest get 429 naming the org, none fails', async () => {
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => post(sut, '/apis', owner.token, api(`c${i}`))),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status !== 201 && status !== 429)).toEqual([]);
      expect(statuses).toContain(201);
      expect(statuses).toContain(429);
      expect(answers.find((answer) => answer.status === 429)?.body.message).toBe(
        `too many writes of ${owner.orgId} at once (1 running, 0 waiting); retry shortly`,
      );
    });
  });
});
