import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CONSOLE_CSP } from './console-files';
import { startTestDashboard, TestDashboard } from './test-dashboard.spec-helper';

// A stand-in for `dist/apps/console`: what matters here is how the dashboard serves a built console.
function builtConsole(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>console</title><script src="/assets/app-1a2b.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log("app")');
  return dir;
}

describe('dashboard serving the console', () => {
  let dashboard: TestDashboard;
  let dir: string;

  beforeAll(async () => {
    dir = builtConsole();
    dashboard = await startTestDashboard('console', undefined, { console: { dir } });
  });
  afterAll(async () => {
    await dashboard?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a deep link with the console page, under a strict content security policy', async () => {
    const response = await fetch(`${dashboard.url}/keys/abc?page=3`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>console</title>');
    expect(response.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('caches hashed assets for a year', async () => {
    const response = await fetch(`${dashboard.url}/assets/app-1a2b.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing asset with 404, not the console page (a page loaded before a deploy)', async () => {
    const response = await fetch(`${dashboard.url}/assets/app-0ld0.js`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('<title>console</title>');
  });

  it('keeps the API its own: unknown API paths are JSON 404s, not the console page', async () => {
    const response = await fetch(`${dashboard.url}/api/v1/no-such-route`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect((await dashboard.call('GET', '/openapi.json')).status).toBe(200);
  });

  it('serves no file outside the console folder (path traversal)', async () => {
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2findex.html']) {
      const response = await fetch(`${dashboard.url}${path}`);
      const body = await response.text();
      expect(body).not.toContain('"name"');
      expect(body).not.toContain('root:');
    }
  });

  it('refuses to start when the folder holds no built console, naming the setting', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'gatehouse-console-empty-'));
    try {
      await expect(
        startTestDashboard('console-missing', undefined, { console: { dir: empty } }),
      ).rejects.toThrow(/console\.dir: .* holds no index\.html/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('dashboard without a console', () => {
  it('answers / with a 404, as before', async () => {
    const dashboard = await startTestDashboard('no-console');
    try {
      expect((await fetch(`${dashboard.url}/`)).status).toBe(404);
    } finally {
      await dashboard.close();
    }
  });
});
