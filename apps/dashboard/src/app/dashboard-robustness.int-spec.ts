import { DASHBOARD_CONTROLLERS, routesOf } from '@gatehouse/dashboard-api';
import { AnnouncementSeal, CHANGES_CHANNEL, connectMongo } from '@gatehouse/shared-control-plane-db';
import { connectRedis } from '@gatehouse/shared-redis';
import type { Logger } from '@gatehouse/shared-observability';
import { stackService, waitFor } from '@gatehouse/shared-testing';
import fc from 'fast-check';
import pino from 'pino';
import { Writable } from 'node:stream';

import {
  startTestDashboard,
  TEST_ADMIN_SECRET,
  TEST_PASSWORD,
  TestDashboard,
} from './test-dashboard.spec-helper';

describe('dashboard robustness: malformed input, secrets in logs, wake-ups (real services)', () => {
  let sut: TestDashboard;
  let token: string;
  const logs: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    sut = await startTestDashboard('robust', pino({ level: 'trace' }, sink) as unknown as Logger);
    token = (await sut.createOrg('fuzz')).token;
  });

  afterAll(async () => sut?.close());

  it('answers every route fed malformed bodies and queries with a 4xx (never 5xx) and keeps serving', async () => {
    // Logging out would end the session every later call of the run (and the next tests) uses.
    const routes = routesOf(DASHBOARD_CONTROLLERS).filter(
      (route) => route.path !== '/orgs' && route.path !== '/auth/logout',
    );
    const bodies = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
      fc
        .dictionary(
          fc.constantFrom(
            'api_id',
            'proxy',
            'id',
            'rate',
            'access_rights',
            'apply_policies',
            'email',
            'role',
            'name',
            'password',
          ),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map((value) => JSON.stringify(value)),
    );
    const queries = fc.dictionary(
      fc.constantFrom('limit', 'offset', 'after', 'since', 'policy', 'inactive'),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        bodies,
        queries,
        fc.string({ maxLength: 12 }),
        async (route, body, query, param) => {
          const path = route.path.replace(/:(id|hash)/, encodeURIComponent(param) || 'x');
          const search = new URLSearchParams(query).toString();
          const response = await fetch(`${sut.url}/api/v1${path}${search ? `?${search}` : ''}`, {
            method: route.method,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: ['GET', 'DELETE'].includes(route.method) ? undefined : body,
          });
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 400 },
    );
    expect((await fetch(`${sut.url}/health`)).status).toBe(200);
  });

  it('refuses arrays inside arrays, which the store cannot hold, naming the field (found by the fuzz run)', async () => {
    for (const path of ['/policies/nested', '/apis/nested']) {
      const answer = await sut.call<{ message: string }>('PUT', path, token, { extra: { grid: [[]] } });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('extra.grid.0');
    }
  });

  it('never writes passwords or tokens to its logs', async () => {
    const login = await sut.call<{ token: string }>('POST', '/auth/login', undefined, {
      org: 'fuzz',
      email: 'owner@fuzz.example',
      password: TEST_PASSWORD,
    });
    const session = login.body.token;
    const raw = (await sut.call<{ token: string }>('POST', '/me/tokens', session, { name: 'ci' })).body.token;
    const written = logs.join('');
    expect(written.length).toBeGreaterThan(0);
    for (const secret of [TEST_PASSWORD, session, raw, token, TEST_ADMIN_SECRET])
      expect(written).not.toContain(secret);
  });

  it('publishes a sealed wake-up carrying the change for the bridges on every change', async () => {
    const subscriber = await connectRedis({ url: stackService('redis'), connectionName: 'wake-spec' }, 5000);
    const mongo = await connectMongo({ url: stackService('mongo'), database: sut.database, appName: 'spec' });
    const seal = await AnnouncementSeal.of(mongo.db);
    const messages: string[] = [];
    // Other specs' dashboards publish on the same channel: only this database's seal opens ours.
    const announced = () =>
      messages.flatMap((message) => {
        const payload = seal.open(message);
        return payload ? [JSON.parse(payload) as { rev: number; entry: { id: string } }] : [];
      });
    try {
      subscriber.on('message', (_channel: string, message: string) => messages.push(message));
      await subscriber.subscribe(CHANGES_CHANNEL);
      await sut.call('POST', '/apis', token, {
        api_id: 'woken',
        proxy: { listen_path: '/woken/', target_url: 'http://up' },
      });
      await waitFor(() => announced().some((message) => message.entry.id === 'woken'), {
        description: 'the wake-up',
      });
      const wakeUp = announced().find((message) => message.entry.id === 'woken');
      expect(wakeUp?.entry).toMatchObject({ kind: 'api', rev: wakeUp?.rev, deleted: false });
      expect(messages.every((message) => !message.includes('woken'))).toBe(true);
    } finally {
      subscriber.disconnect();
      await mongo.client.close();
    }
  });
});
