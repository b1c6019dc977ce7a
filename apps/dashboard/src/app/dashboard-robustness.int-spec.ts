import { DASHBOARD_CONTROLLERS, routesOf } from '@gatehouse/dashboard-api';
import { CHANGES_CHANNEL } from '@gatehouse/dashboard-data-access';
import { connectRedis } from '@gatehouse/shared-keyspace';
import { createLogger } from '@gatehouse/shared-observability';
import { stackService, uniqueName, waitFor } from '@gatehouse/shared-testing';
import fc from 'fast-check';
import pino from 'pino';
import { Writable } from 'node:stream';

import { dashboardConfigSchema } from './dashboard.config';
import { RunningDashboard, startDashboard } from './dashboard-app';

const ADMIN_SECRET = 'platform-admin-secret-for-tests';
const PASSWORD = 'correct horse battery';

describe('dashboard robustness: malformed input, secrets in logs, wake-ups (real services)', () => {
  let sut: RunningDashboard;
  let token: string;
  const logs: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: 'trace' }, sink) as unknown as ReturnType<typeof createLogger>;
    sut = await startDashboard(
      dashboardConfigSchema.parse({
        http: { port: 0 },
        mongo: { url: stackService('mongo'), database: uniqueName('robust') },
        redis: { url: stackService('redis'), keyPrefix: `${uniqueName('robust')}:` },
        adminSecret: ADMIN_SECRET,
      }),
      logger,
    );
    const created = await fetch(`${sut.url}/api/v1/orgs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gatehouse-admin-secret': ADMIN_SECRET },
      body: JSON.stringify({
        slug: 'fuzz',
        name: 'Fuzz',
        owner: { email: 'o@fuzz.example', name: 'O', password: PASSWORD },
      }),
    });
    token = ((await created.json()) as { token: string }).token;
  });

  afterAll(async () => sut?.close());

  it('answers every route fed malformed bodies and queries with a 4xx (never 5xx) and keeps serving', async () => {
    const routes = routesOf(DASHBOARD_CONTROLLERS).filter((route) => route.path !== '/orgs');
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

  it('never writes passwords or tokens to its logs', async () => {
    const login = await fetch(`${sut.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ org: 'fuzz', email: 'o@fuzz.example', password: PASSWORD }),
    });
    const session = ((await login.json()) as { token: string }).token;
    const apiToken = await fetch(`${sut.url}/api/v1/me/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
      body: JSON.stringify({ name: 'ci' }),
    });
    const raw = ((await apiToken.json()) as { token: string }).token;
    const written = logs.join('');
    expect(written.length).toBeGreaterThan(0);
    for (const secret of [PASSWORD, session, raw, token, ADMIN_SECRET]) expect(written).not.toContain(secret);
  });

  it('publishes a wake-up for the bridges on every change', async () => {
    const subscriber = await connectRedis({ url: stackService('redis'), connectionName: 'wake-spec' }, 5000);
    const messages: { orgId: string; rev: number }[] = [];
    try {
      subscriber.on('message', (_channel: string, message: string) => messages.push(JSON.parse(message)));
      await subscriber.subscribe(CHANGES_CHANNEL);
      await fetch(`${sut.url}/api/v1/apis`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ api_id: 'woken', proxy: { listen_path: '/woken/', target_url: 'http://up' } }),
      });
      await waitFor(() => messages.some((message) => message.rev > 0), { description: 'the wake-up' });
    } finally {
      subscriber.disconnect();
    }
  });
});
