import { connectMongo } from '@gatehouse/shared-control-plane-db';
import { repoRoot, stackService } from '@gatehouse/shared-testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  startTestDashboard,
  TEST_ADMIN_SECRET as ADMIN_SECRET,
  TestDashboard,
} from './test-dashboard.spec-helper';

const example = (path: string) =>
  JSON.parse(readFileSync(join(repoRoot(), 'docs', 'examples', path), 'utf8'));

/** A parsed JSON answer, read by property path in assertions (each step is another tree or a leaf). */
interface JsonTree {
  readonly [key: string]: JsonTree;
}

describe('dashboard API (real MongoDB-compatible server, real Redis)', () => {
  let sut: TestDashboard;
  let api: (
    path: string,
    init?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<{ status: number; body: JsonTree }>;
  let acme: { token: string; orgId: string };
  let globex: { token: string };

  beforeAll(async () => {
    sut = await startTestDashboard('dashboard');
    api = (path, init = {}) =>
      sut.call(
        init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        path,
        init.token,
        init.body,
        init.headers,
      );
    acme = await sut.createOrg('acme');
    globex = await sut.createOrg('globex');
  });

  afterAll(async () => sut?.close());

  describe('organisations and sessions', () => {
    it('creates organisations only with the admin secret, naming bad fields, refusing duplicates', async () => {
      const body = {
        slug: 'initech',
        name: 'Initech',
        owner: { email: 'o@initech.example', name: 'O', password: 'long enough password' },
      };
      expect((await api('/orgs', { body })).status).toBe(403);
      const bad = await api('/orgs', {
        body: { ...body, owner: { ...body.owner, password: 'short' } },
        headers: { 'x-gatehouse-admin-secret': ADMIN_SECRET },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/^owner\.password: must be at least 12 characters/);
      expect(
        (
          await api('/orgs', {
            body: { ...body, slug: 'acme' },
            headers: { 'x-gatehouse-admin-secret': ADMIN_SECRET },
          })
        ).status,
      ).toBe(409);
    });

    it('logs in with the right password only, and throttles guessing', async () => {
      const good = await api('/auth/login', {
        body: { org: 'acme', email: 'owner@acme.example', password: 'correct horse battery' },
      });
      expect(good.status).toBe(200);
      expect(good.body.token).toMatch(/^ghs_/);
      expect((await api('/me', { token: String(good.body.token) })).body).toMatchObject({
        email: 'owner@acme.example',
        role: 'owner',
      });
      const wrong = { org: 'globex', email: 'owner@globex.example', password: 'wrong password!!' };
      for (let i = 0; i < 10; i++) expect((await api('/auth/login', { body: wrong })).status).toBe(401);
      expect((await api('/auth/login', { body: wrong })).status).toBe(429);
    });

    it('refuses requests without a valid token', async () => {
      expect((await api('/me')).status).toBe(401);
      expect((await api('/me', { token: 'ghs_not-a-token' })).status).toBe(401);
    });

    it('mints personal API tokens shown once and revocable', async () => {
      const created = await api('/me/tokens', { token: acme.token, body: { name: 'ci' } });
      expect(created.body.token).toMatch(/^ghp_/);
      expect((await api('/me', { token: String(created.body.token) })).status).toBe(200);
      const listed = await api('/me/tokens', { token: acme.token });
      expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
      expect(
        (await api(`/me/tokens/${created.body.id}`, { method: 'DELETE', token: acme.token })).status,
      ).toBe(204);
      expect((await api('/me', { token: String(created.body.token) })).status).toBe(401);
    });
  });

  describe('users and roles', () => {
    async function member(role: string): Promise<{ id: string; token: string }> {
      const invited = await api('/users', {
        token: acme.token,
        body: { email: `${role}-${Date.now()}@acme.example`, name: role, role },
      });
      expect(invited.status).toBe(201);
      const accepted = await api('/auth/accept-invitation', {
        body: { invitation: invited.body.invitation, password: 'member password 1' },
      });
      return { id: String(invited.body.user.id), token: String(accepted.body.token) };
    }

    it('lets each role do what the matrix allows and nothing else', async () => {
      const editor = await member('api-editor');
      const keyManager = await member('key-manager');
      const viewer = await member('viewer');
      const definition = {
        ...example('tyk/apps/billing.json'),
        api_id: 'role-test',
        proxy: { listen_path: '/role-test/', target_url: 'http://up:8000' },
      };
      expect((await api('/apis', { token: viewer.token, body: definition })).status).toBe(403);
      expect((await api('/apis', { token: keyManager.token, body: definition })).status).toBe(403);
      expect((await api('/apis', { token: editor.token, body: definition })).status).toBe(201);
      expect((await api('/apis/role-test', { token: viewer.token })).status).toBe(200);
      expect((await api('/audit', { token: viewer.token })).status).toBe(403);
      expect(
        (
          await api('/users', {
            token: editor.token,
            body: { email: 'x@acme.example', name: 'x', role: 'viewer' },
          })
        ).status,
      ).toBe(403);
    });

    it('ends every session of a deactivated user', async () => {
      const viewer = await member('viewer');
      expect((await api('/me', { token: viewer.token })).status).toBe(200);
      const deactivated = await api(`/users/${viewer.id}`, {
        method: 'PATCH',
        token: acme.token,
        body: { active: false },
      });
      expect(deactivated.body.active).toBe(false);
      expect((await api('/me', { token: viewer.token })).status).toBe(401);
    });
  });

  describe('APIs', () => {
    it('imports Tyk classic and OAS definitions unchanged and exports classic', async () => {
      const classic = example('tyk/apps/orders.json');
      expect(
        (await api('/apis/import', { token: acme.token, body: [classic, example('tyk-oas/petstore.json')] }))
          .status,
      ).toBe(200);
      const stored = await api('/apis/orders', { token: acme.token });
      expect(stored.body.document).toEqual({ ...classic, org_id: acme.orgId });
      const exported = await api('/apis/petstore/export', { token: acme.token });
      expect(exported.body).toMatchObject({
        api_id: 'petstore',
        proxy: { listen_path: '/petstore/' },
        org_id: acme.orgId,
      });
    });

    it('names the bad field, and refuses listen-path clashes', async () => {
      const bad = await api('/apis', {
        token: acme.token,
        body: { api_id: 'bad', proxy: { listen_path: '/bad/', target_url: 'nope' } },
      });
      expect(bad).toMatchObject({
        status: 400,
        body: { message: 'proxy.target_url: "nope" is not an http(s) URL' },
      });
      const clash = await api('/apis', {
        token: acme.token,
        body: { ...example('tyk/apps/orders.json'), api_id: 'orders-2' },
      });
      expect(clash).toMatchObject({
        status: 409,
        body: { message: 'listen path /orders is already used by API orders' },
      });
    });

    it('takes stream APIs (x-tyk-streaming) and names the bad field of a broken stream', async () => {
      const stream = example('tyk-oas/order-events.json');
      expect((await api('/apis', { token: acme.token, body: stream })).status).toBe(201);
      const broken = structuredClone(stream);
      broken['x-tyk-api-gateway'].info.id = 'order-events-broken';
      broken['x-tyk-api-gateway'].server.listenPath.value = '/order-events-broken/';
      broken['x-tyk-streaming'].streams.orders.input = { kafka: { addresses: [], topics: ['orders'] } };
      broken['x-tyk-streaming'].streams.orders.pipeline.processors[0].mapping = 'root = this.a.b(';
      for (const path of ['/apis', '/apis/import']) {
        const answer = await api(path, { token: acme.token, body: path === '/apis' ? broken : [broken] });
        expect(answer).toMatchObject({ status: 400 });
        expect(answer.body.message).toContain(
          'x-tyk-streaming.streams.orders.input.kafka.addresses: at least one address is required',
        );
        expect(answer.body.message).toContain(
          'x-tyk-streaming.streams.orders.pipeline.processors.0.mapping: line 1, column 15: unknown method b()',
        );
      }
      expect((await api('/apis/order-events-broken', { token: acme.token })).status).toBe(404);
    });

    it('gives a route to exactly one of many racing creates; a moved or deleted API frees it', async () => {
      const racer = (id: string, path = '/contested/') => ({
        ...example('tyk/apps/billing.json'),
        api_id: id,
        proxy: { listen_path: path, target_url: 'http://up' },
      });
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          api('/apis', { token: acme.token, body: racer(`racer-${index}`) }),
        ),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      const winner = `racer-${answers.findIndex((answer) => answer.status === 201)}`;
      const loser = winner === 'racer-0' ? 'racer-1' : 'racer-0';

      const moved = await api(`/apis/${winner}`, {
        method: 'PUT',
        token: acme.token,
        body: racer(winner, '/moved-on/'),
      });
      expect(moved.status).toBe(200);
      expect((await api('/apis', { token: acme.token, body: racer(loser) })).status).toBe(201);
      const taken = await api('/apis', { token: acme.token, body: racer('late', '/moved-on/') });
      expect(taken).toMatchObject({
        status: 409,
        body: { message: `listen path /moved-on is already used by API ${winner}` },
      });

      expect((await api(`/apis/${winner}`, { method: 'DELETE', token: acme.token })).status).toBe(204);
      expect((await api('/apis', { token: acme.token, body: racer('late', '/moved-on/') })).status).toBe(201);
      // Another org has routes of its own.
      const other = await sut.createOrg('route-neighbour');
      expect((await api('/apis', { token: other.token, body: racer('theirs') })).status).toBe(201);
      // Another org creating an API with an id this org uses gets its own record, never a 409 or ours.
      const ours = await api(`/apis/${loser}`, { token: acme.token });
      const same = await api('/apis', { token: other.token, body: racer(loser, '/elsewhere/') });
      expect(same.status).toBe(201);
      expect(await api(`/apis/${loser}`, { token: acme.token })).toEqual(ours);
      expect((await api(`/apis/${loser}`, { token: other.token })).body.document.proxy.listen_path).toBe(
        '/elsewhere/',
      );
    });

    it('holds a route a failed write claimed for 30 s, then hands it to exactly one API', async () => {
      const mongo = await connectMongo({
        url: stackService('mongo'),
        database: sut.database,
        appName: 'spec',
      });
      try {
        // What a write that claimed /abandoned and then failed (or crashed) leaves behind.
        const claims = mongo.db.collection<{ _id: string; apiId: string; at: Date }>('api_route_claims');
        const _id = JSON.stringify([acme.orgId, '', '/abandoned']);
        await claims.insertOne({ _id, apiId: 'ghost', at: new Date() });
        const body = (id: string) => ({
          ...example('tyk/apps/billing.json'),
          api_id: id,
          proxy: { listen_path: '/abandoned/', target_url: 'http://up' },
        });
        expect(await api('/apis', { token: acme.token, body: body('early') })).toMatchObject({
          status: 409,
          body: { message: 'listen path /abandoned is already used by API ghost' },
        });
        await claims.updateOne({ _id }, { $set: { at: new Date(Date.now() - 60_000) } });
        const answers = await Promise.all(
          ['t1', 't2', 't3', 't4'].map((id) => api('/apis', { token: acme.token, body: body(id) })),
        );
        expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
      } finally {
        await mongo.client.close();
      }
    });

    it('records every write in the change log, deletes as tombstones', async () => {
      const before = (await api('/changes', { token: acme.token })).body as unknown as { rev: number }[];
      const cursor = Math.max(...before.map((change) => change.rev));
      const definition = {
        ...example('tyk/apps/billing.json'),
        api_id: 'short-lived',
        proxy: { listen_path: '/short/', target_url: 'http://up' },
      };
      await api('/apis', { token: acme.token, body: definition });
      expect((await api('/apis/short-lived', { method: 'DELETE', token: acme.token })).status).toBe(204);
      expect((await api('/apis/short-lived', { token: acme.token })).status).toBe(404);
      const after = await api(`/changes?after=${cursor}`, { token: acme.token });
      expect(after.body).toEqual([
        { kind: 'api', id: 'short-lived', rev: expect.any(Number), deleted: true },
      ]);
    });

    it("never shows one org's APIs to another", async () => {
      expect((await api('/apis/orders', { token: globex.token })).status).toBe(404);
      expect((await api('/apis/orders/export', { token: globex.token })).status).toBe(404);
      expect((await api('/apis/orders', { method: 'DELETE', token: globex.token })).status).toBe(404);
      expect((await api('/apis', { token: globex.token })).body).toEqual([]);
      expect((await api('/changes', { token: globex.token })).body).toEqual([]);
    });
  });

  describe('policies and keys', () => {
    it('imports Tyk policies, makes keys from them shown once, stores and answers by hash only', async () => {
      const imported = await api('/policies/import', {
        token: acme.token,
        body: example('tyk/policies/policies.json'),
      });
      expect((imported.body as unknown as { id: string }[]).map((policy) => policy.id).sort()).toEqual([
        'gold',
        'trial',
      ]);
      const created = await api('/keys', {
        token: acme.token,
        body: { apply_policies: ['gold'], basic_auth_data: { password: 'basic-secret', hash_type: '' } },
      });
      expect(created.status).toBe(201);
      expect(JSON.parse(Buffer.from(String(created.body.key), 'base64').toString())).toMatchObject({
        org: acme.orgId,
        h: 'murmur64',
      });
      const fetched = await api(`/keys/${created.body.key_hash}`, { token: acme.token });
      expect(JSON.stringify(fetched.body)).not.toContain(created.body.key);
      expect(JSON.stringify(fetched.body)).not.toContain('basic-secret');
      expect(
        ((await api('/keys?policy=gold', { token: acme.token })).body as unknown as { id: string }[]).map(
          (key) => key.id,
        ),
      ).toContain(created.body.key_hash);
      expect((await api('/keys?policy=trial', { token: acme.token })).body).toEqual([]);
      expect(
        (await api(`/keys/${created.body.key_hash}/reset-quota`, { method: 'POST', token: acme.token }))
          .status,
      ).toBe(200);
      expect(
        (await api(`/keys/${created.body.key_hash}`, { method: 'DELETE', token: acme.token })).status,
      ).toBe(204);
      expect((await api(`/keys/${created.body.key_hash}`, { token: acme.token })).status).toBe(404);
    });

    it('refuses keys naming policies or APIs the org does not have', async () => {
      const missing = await api('/keys', { token: acme.token, body: { apply_policies: ['platinum'] } });
      expect(missing).toMatchObject({
        status: 400,
        body: { message: 'apply_policies: policy platinum does not exist' },
      });
      expect((await api('/keys', { token: globex.token, body: { apply_policies: ['gold'] } })).status).toBe(
        400,
      );
      expect((await api('/keys', { token: acme.token, body: {} })).status).toBe(400);
    });

    it('imports Tyk sessions by raw key, keeping only the hash', async () => {
      const imported = await api('/keys/import', {
        token: acme.token,
        body: [{ key: 'legacy-raw-key-123', session: { apply_policies: ['trial'] } }],
      });
      expect(imported.body).toEqual([
        { key_hash: expect.stringMatching(/^[0-9a-f]{64}$/), ref: expect.stringMatching(/^[0-9a-f]{16}$/) },
      ]);
      expect(
        JSON.stringify((await api(`/keys/${imported.body[0].key_hash}`, { token: acme.token })).body),
      ).not.toContain('legacy-raw-key-123');
    });
  });

  it('keeps an audit trail of mutations without secrets', async () => {
    const entries = (await api('/audit?limit=500', { token: acme.token })).body as unknown as {
      action: string;
      resource: string;
    }[];
    expect(entries.map((entry) => `${entry.action} ${entry.resource}`)).toEqual(
      expect.arrayContaining([
        'create org',
        'invite users',
        'update users',
        'create apis',
        'delete apis',
        'create tokens',
        'revoke tokens',
      ]),
    );
    expect(JSON.stringify(entries)).not.toMatch(/correct horse battery|member password|scrypt\$|ghp_|ghs_/);
  });
});
