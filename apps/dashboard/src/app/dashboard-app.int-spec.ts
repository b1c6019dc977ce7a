import { createLogger } from '@gatehouse/shared-observability';
import { freePort, stackService, TEST_KEY_HASHING_SECRET, uniqueName } from '@gatehouse/shared-testing';

import { dashboardConfigSchema } from './dashboard.config';
import { RunningDashboard, startDashboard } from './dashboard-app';

const silent = createLogger({ name: 'dashboard', level: 'silent', format: 'json' });

describe('dashboard (real MongoDB-compatible server)', () => {
  let sut: RunningDashboard;

  beforeAll(async () => {
    const config = dashboardConfigSchema.parse({
      http: { port: 0 },
      mongo: { url: stackService('mongo'), database: uniqueName('dashboard') },
      redis: { url: stackService('redis') },
      adminSecret: 'an-admin-secret-of-length',
      keyHashing: { secret: TEST_KEY_HASHING_SECRET },
    });
    sut = await startDashboard(config, silent);
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('reports MongoDB healthy on /health', async () => {
    const response = await fetch(`${sut.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'pass',
      component: 'dashboard',
      checks: { mongodb: { status: 'pass', componentType: 'datastore' }, redis: { status: 'pass' } },
    });
  });

  it('echoes a sane request id and replaces a forged one', async () => {
    const kept = await fetch(`${sut.url}/health`, { headers: { 'x-request-id': 'trace-42' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-42');
    const forged = await fetch(`${sut.url}/health`, { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics', async () => {
    const response = await fetch(`${sut.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toContain('nodejs_eventloop_lag_seconds{component="dashboard"}');
  });

  it('answers unknown routes under /api/v1 with a JSON 404', async () => {
    const response = await fetch(`${sut.url}/api/v1/nothing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404 });
  });

  it('fails to start, naming the problem, when MongoDB is unreachable', async () => {
    const config = dashboardConfigSchema.parse({
      http: { port: 0 },
      mongo: { url: `mongodb://127.0.0.1:${await freePort()}`, database: 'x', serverSelectionTimeoutMs: 300 },
      redis: { url: stackService('redis') },
      adminSecret: 'an-admin-secret-of-length',
      keyHashing: { secret: TEST_KEY_HASHING_SECRET },
    });
    await expect(startDashboard(config, silent)).rejects.toThrow(/ECONNREFUSED|Server selection timed out/);
  });
});
