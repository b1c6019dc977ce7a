import { repoRoot } from '@gatehouse/shared-testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

import type { ControlPlaneClient } from '../multi-region/control-plane-client';
import { keyedApi } from '../multi-region/control-plane-client';
import { launchBrowser, screenshot, seriousViolations, tabTo, watchProblems } from './browser';
import { ConsoleDashboard, OWNER_PASSWORD, signIn } from './console-dashboard';

const VIEWER_PASSWORD = 'viewer password 123';

/**
 * Each page of the console, by a name for its screenshot, its path and its heading (any h1 where the heading
 * is the resource's own name); the suite visits them all as the owner. `$KEY` is the seeded key's reference.
 */
const PAGES: [name: string, path: string, heading: string | null][] = [
  ['overview', '/', 'Overview'],
  ['apis', '/apis', 'APIs'],
  ['api', '/apis/orders', null],
  ['api-new', '/apis/new', null],
  ['apis-import', '/apis/import', 'Import APIs'],
  ['policies', '/policies', 'Policies'],
  ['policy', '/policies/gold', null],
  ['policy-new', '/policies/new', null],
  ['keys', '/keys', 'Keys'],
  ['key', '/keys/$KEY', null],
  ['key-new', '/keys/new', null],
  ['gateways', '/gateways', 'Gateways'],
  ['gateway-group', '/gateways/eu', null],
  ['analytics', '/analytics', 'Analytics'],
  ['audit-log', '/audit', 'Audit log'],
  ['users', '/users', 'Users'],
  ['api-tokens', '/tokens', 'API tokens'],
];

async function openPage(page: Page, url: string, heading: string | null): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { level: 1, ...(heading ? { name: heading } : {}) }).waitFor();
  await loaded(page);
}

/** Waits until the page's data arrived: no loading message left. */
async function loaded(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const statuses = (
      globalThis as unknown as { document: { querySelectorAll(s: string): { textContent: string }[] } }
    ).document.querySelectorAll('[role="status"]');
    return ![...statuses].some((status) => status.textContent.startsWith('Loading'));
  });
}

describe('console pages (real dashboard and MongoDB; Chromium)', () => {
  const dashboard = new ConsoleDashboard();
  let acme: ControlPlaneClient;
  let other: ControlPlaneClient;
  let viewerEmail = '';
  let keyRef = '';
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    await dashboard.start();
    [acme, other] = await Promise.all([dashboard.createOrg('acme'), dashboard.createOrg('globex')]);
    await acme.must('POST', '/apis', keyedApi('orders', 'http://127.0.0.1:9', ['eu']));
    await acme.must('POST', '/policies', {
      id: 'gold',
      name: 'Gold',
      rate: 100,
      per: 1,
      quota_max: 1000,
      quota_renewal_rate: 3600,
      access_rights: { orders: { api_id: 'orders', api_name: 'orders', versions: ['Default'] } },
    });
    ({ ref: keyRef } = await acme.must<{ ref: string }>('POST', '/keys', {
      alias: 'checkout-service',
      apply_policies: ['gold'],
    }));
    await acme.must('POST', '/gateway-groups', { groupId: 'eu', name: 'Europe', region: 'eu', tags: ['eu'] });
    await other.must('POST', '/apis', keyedApi('globex-secret-api', 'http://127.0.0.1:9'));
    viewerEmail = await dashboard.addUser(acme, 'viewer', VIEWER_PASSWORD);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard.close();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    problems = watchProblems(page);
  });
  afterEach(async () => {
    await page.close();
    // No page may break its CSP, throw, or log an error, whatever the test did.
    expect(problems).toEqual([]);
  });

  it('sends a visitor without a session to sign in, and back where they were going after it', async () => {
    await page.goto(`${dashboard.url}/policies`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Gatehouse' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Organisation').fill('acme');
    await page.getByLabel('Email').fill('owner@acme.example');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Password').fill(OWNER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Policies' }).waitFor();
  });

  it('shows every page with no serious accessibility violations', async () => {
    await signIn(page, dashboard.url, 'acme', 'owner@acme.example', OWNER_PASSWORD);
    for (const [name, path, heading] of PAGES) {
      await openPage(page, `${dashboard.url}${path.replace('$KEY', keyRef)}`, heading);
      expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
      await screenshot(page, name);
    }
    // A confirmation dialog open over a page.
    await openPage(page, `${dashboard.url}/keys/${keyRef}`, null);
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('alertdialog').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'key-revoke-dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
  }, 120_000);

  it('is usable from the keyboard: sign in, then reach a section from the menu', async () => {
    await page.goto(`${dashboard.url}/login`);
    await page.getByLabel('Organisation').focus();
    await page.keyboard.type('acme');
    await page.keyboard.press('Tab');
    await page.keyboard.type('owner@acme.example');
    await page.keyboard.press('Tab');
    await page.keyboard.type(OWNER_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // Tab from the top of the page: the skip link first, then the menu.
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document
            .activeElement.textContent,
      ),
    ).toBe('Skip to content');
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document
            .activeElement.textContent,
      );
      if (focused === 'Keys') break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Keys' }).waitFor();
  });

  it('creates a key from a policy with the keyboard alone', async () => {
    await signIn(page, dashboard.url, 'acme', 'owner@acme.example', OWNER_PASSWORD);
    await page.goto(`${dashboard.url}/keys`);
    await page.getByRole('heading', { level: 1, name: 'Keys' }).waitFor();
    await tabTo(page, 'Create key');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Alias');
    await page.keyboard.type('made by keyboard');
    await tabTo(page, /^Search policies/);
    await page.keyboard.type('gold');
    await page.getByRole('checkbox', { name: /Gold/ }).waitFor();
    await tabTo(page, /^Gold/);
    await page.keyboard.press('Space');
    await tabTo(page, 'Create key');
    await page.keyboard.press('Enter');
    await page.getByTestId('secret-value').waitFor();
    await tabTo(page, 'I have stored it');
    await page.keyboard.press('Enter');
    await page.getByText('made by keyboard').first().waitFor();
    // On the key's page: deactivate it, confirming in the dialog, and find focus on what happened.
    await tabTo(page, 'Deactivate');
    await page.keyboard.press('Enter');
    await page.getByRole('alertdialog').waitFor();
    await tabTo(page, 'Deactivate key');
    await page.keyboard.press('Enter');
    await page.getByText('Key deactivated: gateways refuse it.').waitFor();
    const focused = await page.evaluate(() => {
      const element = (
        globalThis as unknown as {
          document: { activeElement: { tagName: string; textContent: string } | null };
        }
      ).document.activeElement;
      return { tag: element?.tagName, text: element?.textContent?.trim() };
    });
    expect(focused).toEqual({ tag: 'DIV', text: 'Key deactivated: gateways refuse it.' });
  });

  it('imports a Tyk OAS definition dropped on the import page', async () => {
    const petstore = readFileSync(join(repoRoot(), 'docs', 'examples', 'tyk-oas', 'petstore.json'), 'utf8');
    await signIn(page, dashboard.url, 'acme', 'owner@acme.example', OWNER_PASSWORD);
    await openPage(page, `${dashboard.url}/apis/import`, 'Import APIs');
    // What a browser hands the page when a file is dragged from the desktop and dropped.
    const dataTransfer = await page.evaluateHandle((text) => {
      const scope = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: string[], name: string, options: { type: string }) => unknown;
      };
      const transfer = new scope.DataTransfer();
      transfer.items.add(new scope.File([text], 'petstore.json', { type: 'application/json' }));
      return transfer;
    }, petstore);
    await page.locator('.drop-zone').dispatchEvent('dragover', { dataTransfer });
    await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer });
    await page.getByRole('link', { name: 'Petstore' }).click();
    await page.getByRole('heading', { level: 1, name: 'Petstore' }).waitFor();
  });

  it('hides write actions from a viewer, and the API refuses them anyway', async () => {
    await signIn(page, dashboard.url, 'acme', viewerEmail, VIEWER_PASSWORD);
    for (const [path, heading, action] of [
      ['/apis', 'APIs', 'Create API'],
      ['/policies', 'Policies', 'Create policy'],
      ['/keys', 'Keys', 'Create key'],
    ]) {
      await openPage(page, `${dashboard.url}${path}`, heading);
      expect(await page.getByText(action, { exact: true }).count()).toBe(0);
    }
    await screenshot(page, 'keys-as-viewer');
    // The same session, used directly against the API, is refused a write.
    const token = await page.evaluate(() =>
      (globalThis as unknown as { sessionStorage: { getItem(key: string): string } }).sessionStorage.getItem(
        'gatehouse.session',
      ),
    );
    const refused = await fetch(`${dashboard.url}/api/v1/keys`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${(JSON.parse(token) as { token: string }).token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ apply_policies: ['gold'] }),
    });
    expect(refused.status).toBe(403);
  });

  it("never shows another org's data", async () => {
    await signIn(page, dashboard.url, 'acme', 'owner@acme.example', OWNER_PASSWORD);
    await openPage(page, `${dashboard.url}/apis`, 'APIs');
    await page.getByRole('cell', { name: 'orders' }).first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain('globex-secret-api');
    await openPage(page, `${dashboard.url}/apis?q=globex`, 'APIs');
    expect(await page.locator('main').textContent()).not.toContain('globex-secret-api');
    // Straight to the other org's API by its id: the API answers 404 and the page says so.
    await page.goto(`${dashboard.url}/apis/globex-secret-api`);
    await page.getByRole('alert').waitFor();
    expect(await page.locator('main').textContent()).not.toContain('127.0.0.1:9');
  });

  it('sends the user to sign in, saying why, when the session is revoked elsewhere', async () => {
    await signIn(page, dashboard.url, 'acme', 'owner@acme.example', OWNER_PASSWORD);
    // The overview's calls answered before the session is revoked (one answering 401 after would end it
    // there, before the step below).
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await loaded(page);
    await page.waitForLoadState('networkidle');
    const stored = await page.evaluate(() =>
      (globalThis as unknown as { sessionStorage: { getItem(key: string): string } }).sessionStorage.getItem(
        'gatehouse.session',
      ),
    );
    const logout = await fetch(`${dashboard.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${(JSON.parse(stored) as { token: string }).token}` },
    });
    expect(logout.status).toBe(204);
    // The next call the console makes with the revoked session (here, the policies page's) ends it there.
    await page.goto(`${dashboard.url}/policies`);
    await page.getByText('Your session has ended. Sign in again.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Gatehouse' }).waitFor();
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/policies');
  });
});
