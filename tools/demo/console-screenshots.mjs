#!/usr/bin/env node
// node tools/demo/console-screenshots.mjs [console-url]: signs in to the running demo (`npm run demo`) as its
// admin and saves a screenshot of each console page to docs/images/console-<page>.png, for docs/console.md.
// Drives Debian's Chromium through playwright-core, like the browser suite in tools/e2e/src/console.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const url = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = join(root, 'docs', 'images');
const executablePath = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((path) => existsSync(path));
if (!executablePath) throw new Error('chromium is not installed: run tools/workspace/ensure-deps.sh');

const PAGES = [
  ['overview', '/', 'Overview'],
  ['apis', '/apis', 'APIs'],
  ['api', '/apis/orders', null],
  ['policies', '/policies', 'Policies'],
  ['keys', '/keys', 'Keys'],
  ['gateways', '/gateways', 'Gateways'],
  ['gateway-group', '/gateways/eu', null],
  ['analytics', '/analytics?range=1h', 'Analytics'],
  ['audit', '/audit', 'Audit log'],
  ['users', '/users', 'Users'],
];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  await page.goto(`${url}/login`);
  await page.screenshot({ path: join(out, 'console-sign-in.png') });
  await page.getByLabel('Organisation').fill('demo');
  await page.getByLabel('Email').fill('admin@demo.example');
  await page.getByLabel('Password').fill('demo password 123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  for (const [name, path, heading] of PAGES) {
    await page.goto(`${url}${path}`);
    await page.getByRole('heading', { level: 1, ...(heading ? { name: heading } : {}) }).waitFor();
    await page.waitForFunction(
      () =>
        ![...document.querySelectorAll('[role="status"]')].some((s) => s.textContent?.startsWith('Loading')),
    );
    // Charts draw once their lazily loaded library arrives.
    for (const chart of await page.locator('.time-series .chart').all())
      await chart.locator('canvas').waitFor();
    await page.screenshot({ path: join(out, `console-${name}.png`) });
    console.log(`docs/images/console-${name}.png`);
  }
  // The JSON editor, validated against the API's schema.
  await page.goto(`${url}/apis/orders`);
  await page.getByRole('tab', { name: 'JSON' }).click();
  await page.locator('.cm-editor').waitFor();
  await page.screenshot({ path: join(out, 'console-api-json.png') });
  // A new key from the demo's policy, its raw key shown once (this adds a key to the demo).
  await page.goto(`${url}/keys/new`);
  await page.getByRole('checkbox', { name: /gold/i }).first().check();
  await page.getByRole('button', { name: 'Create key' }).last().click();
  await page.getByTestId('secret-value').waitFor();
  // Documentation shows no real key, even a demo's.
  await page.getByTestId('secret-value').evaluate((element) => {
    element.textContent =
      'eyJvcmciOiJkZW1vIiwiaWQiOiJleGFtcGxlLWtleS1ub3QtcmVhbCJ9 (an example, not a real key)';
  });
  await page.screenshot({ path: join(out, 'console-key-created.png') });
  console.log('docs/images/console-api-json.png, docs/images/console-key-created.png');
} finally {
  await browser.close();
}
