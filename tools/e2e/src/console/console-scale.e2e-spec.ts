import type { Browser, Page } from 'playwright-core';

import type { ControlPlaneClient } from '../multi-region/control-plane-client';
import { keyedApi } from '../multi-region/control-plane-client';
import { launchBrowser, screenshot } from './browser';
import { ConsoleDashboard, OWNER_PASSWORD, signIn } from './console-dashboard';

const COUNT = 10_000;
const BATCH = 1000;

async function seed(owner: ControlPlaneClient): Promise<void> {
  for (let start = 0; start < COUNT; start += BATCH) {
    const batch = Array.from({ length: BATCH }, (_, i) => start + i);
    await owner.must(
      'POST',
      '/apis/import',
      batch.map((n) => ({
        ...keyedApi(`svc-${String(n).padStart(5, '0')}`, 'http://127.0.0.1:9'),
        name: `Service ${n}`,
      })),
    );
    await owner.must(
      'POST',
      '/keys/import',
      batch.map((n) => ({
        key: `scale-key-${String(n).padStart(5, '0')}-0123456789abcdef`,
        session: {
          alias: `client-${n}`,
          rate: 10,
          per: 1,
          quota_max: -1,
          access_rights: {
            'svc-00000': { api_id: 'svc-00000', api_name: 'Service 0', versions: ['Default'] },
          },
        },
      })),
    );
  }
}

/** The lists page on the server: 10,000 APIs and keys cost the browser one page each, not the whole set. */
describe('console lists at 10,000 entries (real dashboard and MongoDB; Chromium)', () => {
  const dashboard = new ConsoleDashboard();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await dashboard.start();
    await seed(await dashboard.createOrg('scale'));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, dashboard.url, 'scale', 'owner@scale.example', OWNER_PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard.close();
  });

  it('pages through 10,000 keys fetching one page at a time', async () => {
    const listCalls: string[] = [];
    page.on('request', (request) => {
      // The overview just signed in to may still be counting keys (`limit=1`); every list call is a page.
      const url = request.url();
      if (/\/api\/v1\/keys(\?|$)/.test(url) && !/[?&]limit=1$/.test(url)) listCalls.push(url);
    });
    await page.goto(`${dashboard.url}/keys`);
    await page.getByText(`1–50 of ${COUNT}`).waitFor();
    expect(await page.getByRole('row').count()).toBe(51);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText(`51–100 of ${COUNT}`).waitFor();
    expect(listCalls.length).toBeGreaterThanOrEqual(2);
    expect(listCalls.filter((url) => !/limit=50\b/.test(url))).toEqual([]);
    await screenshot(page, 'keys-10000');
  });

  it('searches 10,000 APIs on the server', async () => {
    await page.goto(`${dashboard.url}/apis`);
    await page.getByText(`1–50 of ${COUNT}`).waitFor();
    await page.getByRole('searchbox').first().fill('Service 9999');
    await page.getByText('1–1 of 1').waitFor();
    await page.getByRole('link', { name: 'Service 9999' }).waitFor();
  });
});
