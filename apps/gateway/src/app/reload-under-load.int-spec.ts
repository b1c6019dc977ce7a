import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'undici';

import { Harness, keylessApi, startHarness, TEST_SECRET } from './gateway.spec-helper';

describe('hot reload under load (real HTTP, real Redis)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [keylessApi('stable', '/stable/', upstream)]);
  });

  afterAll(async () => harness?.stop());

  it('drops no request while the configuration is reloaded 30 times', async () => {
    const client = new Pool(harness.gateway.proxyUrl, { connections: 16 });
    const statuses = new Map<number, number>();
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const { statusCode, body } = await client.request({ path: '/stable/ping', method: 'GET' });
        await body.text();
        statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    try {
      for (let i = 0; i < 30; i++) {
        // Alternate between adding and removing another API, and reload through both paths.
        const file = join(harness.appPath, 'churn.json');
        if (i % 2 === 0)
          writeFileSync(file, JSON.stringify(keylessApi('churn', `/churn-${i}/`, harness.upstreamUrl)));
        else rmSync(file, { force: true });
        const reload = await fetch(`${harness.gateway.proxyUrl}/tyk/reload`, {
          headers: { 'x-tyk-authorization': TEST_SECRET },
        });
        expect(reload.status).toBe(200);
      }
    } finally {
      stop = true;
      await Promise.all(workers);
      await client.close();
    }
    const total = [...statuses.values()].reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThan(500);
    expect([...statuses.keys()]).toEqual([200]);
  });

  it('keeps serving the old configuration when a reload meets a broken file', async () => {
    writeFileSync(join(harness.appPath, 'broken.json'), '{ "api_id": "broken", "proxy": ');
    const reload = await fetch(`${harness.gateway.proxyUrl}/tyk/reload`, {
      headers: { 'x-tyk-authorization': TEST_SECRET },
    });
    expect(reload.status).toBe(400);
    expect(((await reload.json()) as { message: string }).message).toContain('broken.json');
    expect((await fetch(`${harness.gateway.proxyUrl}/stable/ok`)).status).toBe(200);
    rmSync(join(harness.appPath, 'broken.json'));
  });
});
