import { uniqueName, waitFor } from '@gatehouse/shared-testing';
import type { Browser, Page } from 'playwright-core';

import { RunningPump, startCentralPump, startRegionalPump } from '../analytics/pumps';
import { Topology } from '../multi-region/topology';
import { launchBrowser, screenshot, seriousViolations } from './browser';
import { consoleEnv, OWNER_PASSWORD, signIn } from './console-dashboard';

const API_ID = 'orders-console';

/** A Tyk classic definition, as a platform team would export it from Tyk and drop on the import page. */
function tykExport(upstreamUrl: string): string {
  return JSON.stringify({
    api_id: API_ID,
    name: 'Orders (console)',
    active: true,
    tags: ['eu', 'us'],
    use_keyless: false,
    auth: { auth_header_name: 'Authorization' },
    version_data: { not_versioned: true, versions: { Default: { name: 'Default' } } },
    proxy: { listen_path: `/${API_ID}/`, target_url: upstreamUrl, strip_listen_path: true },
  });
}

async function statusWithKey(url: string, key: string): Promise<number> {
  return (await fetch(`${url}/${API_ID}/items`, { headers: { authorization: key } })).status;
}

/*
 * The everyday journey through the console against the real multi-region topology: import a Tyk API, give it
 * a policy and a key, see the key work on a gateway in a region, see the request in analytics, revoke it.
 */
describe('console journey (real dashboard, bridges, gateways and pumps; Chromium)', () => {
  const topology = new Topology({ dashboardEnv: consoleEnv() });
  const pumps: RunningPump[] = [];
  let browser: Browser;
  let page: Page;
  let rawKey = '';

  beforeAll(async () => {
    await topology.start();
    pumps.push(
      await startRegionalPump(topology, 'eu'),
      await startCentralPump(topology, uniqueName('console')),
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, topology.dashboardUrl, 'multiregion', 'owner@multiregion.example', OWNER_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(pumps.map((pump) => pump.process.stop('SIGKILL')));
    await topology.stop();
  });

  it('imports a Tyk API by file and lists it with the regions that serve it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'APIs' }).click();
    await page.getByRole('heading', { level: 1, name: 'APIs' }).waitFor();
    await page
      .getByRole('link', { name: 'Import APIs' })
      .or(page.getByRole('button', { name: 'Import APIs' }))
      .first()
      .click();
    await page.getByLabel('Tyk API definition file').setInputFiles({
      name: 'orders.json',
      mimeType: 'application/json',
      buffer: Buffer.from(tykExport(topology.upstreamUrl)),
    });
    // Choosing the file imports it; the results link each API imported.
    await page.getByRole('link', { name: 'Orders (console)' }).waitFor();
    await screenshot(page, 'apis-imported');
    await page.goto(`${topology.dashboardUrl}/apis`);
    const row = page.getByRole('row').filter({ hasText: 'Orders (console)' });
    await row.waitFor();
    expect(await row.textContent()).toContain('EU');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('creates a policy granting the API, and a key from it shown once', async () => {
    await page.goto(`${topology.dashboardUrl}/policies`);
    await page
      .getByRole('link', { name: 'Create policy' })
      .or(page.getByRole('button', { name: 'Create policy' }))
      .first()
      .click();
    await page.getByLabel('Name', { exact: true }).fill('Gold');
    await page.getByLabel(/^Rate/).first().fill('100');
    await page.getByLabel(/^Per/).first().fill('1');
    await page
      .getByRole('searchbox')
      .or(page.getByPlaceholder(/search/i))
      .first()
      .fill('Orders');
    await page
      .getByRole('checkbox', { name: /Orders \(console\)/ })
      .or(page.getByRole('button', { name: /Add Orders \(console\)/ }))
      .first()
      .click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: /Gold/ }).waitFor();

    await page.goto(`${topology.dashboardUrl}/keys`);
    await page
      .getByRole('link', { name: 'Create key' })
      .or(page.getByRole('button', { name: 'Create key' }))
      .first()
      .click();
    await page
      .getByRole('checkbox', { name: /Gold/ })
      .or(page.getByRole('button', { name: /Add Gold/ }))
      .first()
      .click();
    await page.getByRole('button', { name: 'Create key' }).last().click();
    const secret = page.getByTestId('secret-value');
    await secret.waitFor();
    rawKey = (await secret.textContent())?.trim() ?? '';
    expect(rawKey.length).toBeGreaterThan(16);
    await screenshot(page, 'journey-key-created');
  });

  it('the key works through a gateway in the eu region', async () => {
    const gateway = topology.regions.eu.gateways[0];
    await waitFor(async () => (await statusWithKey(gateway.url, rawKey)) === 200, {
      description: 'the new key to be served in eu',
      timeoutMs: 20_000,
      intervalMs: 200,
    });
  });

  it('shows the request in analytics', async () => {
    await page.goto(`${topology.dashboardUrl}/analytics?range=15m`);
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    // gateway → regional pump → bridge → central pump → MongoDB: seconds, more on a loaded machine.
    await waitFor(
      async () => {
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
        const text = (await page.locator('main').textContent()) ?? '';
        return text.includes(`GET /${API_ID}/items`);
      },
      { description: 'the request to appear in analytics', timeoutMs: 75_000, intervalMs: 2000 },
    );
    await screenshot(page, 'journey-analytics');
  }, 90_000);

  it('revokes the key, and the gateway refuses it', async () => {
    await page.goto(`${topology.dashboardUrl}/keys`);
    await page.getByRole('row').nth(1).getByRole('link').first().click();
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByRole('heading', { level: 1, name: 'Keys' }).waitFor();
    const gateway = topology.regions.eu.gateways[0];
    await waitFor(
      async () =>
        (await statusWithKey(gateway.url, rawKey)) === 403 ||
        (await statusWithKey(gateway.url, rawKey)) === 401,
      {
        description: 'the revoked key to be refused in eu',
        timeoutMs: 20_000,
        intervalMs: 200,
      },
    );
  });
});
