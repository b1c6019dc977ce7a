import { createLogger } from '@gatehouse/shared-observability';
import {
  stackService,
  temporaryDirectory,
  TestCertificateAuthority,
  TEST_KEY_HASHING_SECRET,
  uniqueName,
  waitFor,
} from '@gatehouse/shared-testing';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';

import { dashboardConfigSchema } from './dashboard.config';
import { RunningDashboard, startDashboard } from './dashboard-app';

const ADMIN_SECRET = 'platform-admin-secret-for-tests';

describe('dashboard over HTTPS (real TLS over loopback)', () => {
  const dir = temporaryDirectory('gatehouse-dashboard-https-');
  const database = uniqueName('dashboard-https');
  let ca: TestCertificateAuthority;
  let files: { certFile: string; keyFile: string };
  let dashboard: RunningDashboard;

  beforeAll(async () => {
    ca = await TestCertificateAuthority.create();
    files = TestCertificateAuthority.writeFiles(
      dir,
      'dashboard',
      await ca.issue({ commonName: 'dashboard', ipAddresses: ['127.0.0.1'] }),
    );
    const config = dashboardConfigSchema.parse({
      keyHashing: { secret: TEST_KEY_HASHING_SECRET },
      http: { port: 0, tls: { ...files, reloadIntervalMs: 200 } },
      mongo: { url: stackService('mongo'), database },
      redis: { url: stackService('redis'), keyPrefix: `${database}:` },
      adminSecret: ADMIN_SECRET,
    });
    dashboard = await startDashboard(
      config,
      createLogger({ name: 'dashboard', level: 'silent', format: 'json' }),
    );
  });

  afterAll(() => dashboard?.close());

  interface Answer {
    status: number;
    headers: IncomingHttpHeaders;
    body: string;
    fingerprint: string;
  }

  function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const url = new URL(dashboard.url);
    return new Promise<Answer>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method, path, ca: ca.cert, agent: false, headers },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: text,
              fingerprint: res.socket
                ? (res.socket as import('node:tls').TLSSocket).getPeerCertificate().fingerprint256
                : '',
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  it('serves HTTPS with HSTS, and answers that no cache may keep', async () => {
    expect(dashboard.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
    const health = await call('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(health.headers['x-content-type-options']).toBe('nosniff');

    // Creating an org answers the owner's session token: a secret no proxy or browser cache may keep.
    const created = await call(
      'POST',
      '/api/v1/orgs',
      {
        slug: 'tls-org',
        name: 'TLS org',
        owner: { email: 'o@tls.example', name: 'O', password: 'correct horse battery' },
      },
      { 'content-type': 'application/json', 'x-gatehouse-admin-secret': ADMIN_SECRET },
    );
    expect(created.status).toBe(201);
    expect(JSON.parse(created.body)).toHaveProperty('token');
    expect(created.headers['cache-control']).toBe('no-store');
  });

  it('does not answer plain HTTP on its port', async () => {
    await expect(fetch(dashboard.url.replace('https:', 'http:') + '/health')).rejects.toThrow();
  });

  it('serves a renewed certificate to new connections without a restart', async () => {
    const renewed = await ca.issue({ commonName: 'dashboard renewed', ipAddresses: ['127.0.0.1'] });
    TestCertificateAuthority.writeFiles(dir, 'dashboard', renewed);
    const expected = renewed.fingerprint256.toUpperCase().match(/../g)?.join(':');
    await waitFor(async () => (await call('GET', '/health')).fingerprint === expected, {
      description: 'the renewed certificate to be served',
      timeoutMs: 10_000,
      intervalMs: 100,
    });
  });
});
