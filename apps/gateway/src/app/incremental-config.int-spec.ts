import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { prometheusCounter, waitFor } from '@gatehouse/shared-testing';
import { Pool } from 'undici';

import {
  createKey,
  Harness,
  keylessApi,
  protectedApi,
  startHarness,
  TEST_SECRET,
} from './gateway.spec-helper';

const ADMIN = { 'x-tyk-authorization': TEST_SECRET, 'content-type': 'application/json' };

function policy(id: string, quotaMax: number): Record<string, unknown> {
  return {
    id,
    org_id: 'acme',
    rate: 1_000_000,
    per: 1,
    quota_max: quotaMax,
    quota_renewal_rate: 3600,
    access_rights: { stable: { api_id: 'stable', api_name: 'stable', versions: ['Default'] } },
  };
}

async function counter(harness: Harness, name: string, label: string): Promise<number> {
  return prometheusCounter(await (await fetch(`${harness.gateway.proxyUrl}/metrics`)).text(), name, label);
}

describe('configuration changed one entity at a time under traffic (real HTTP, real Redis)', () => {
  let harness: Harness;
  let goldKey: string;
  let silverKey: string;

  beforeAll(async () => {
    harness = await startHarness(
      (upstream) => [protectedApi('stable', '/stable/', upstream), keylessApi('open', '/open/', upstream)],
      { local_session_cache: { cached_session_timeout: 300 } },
      [policy('gold', 1_000_000), policy('silver', 500_000)],
    );
    goldKey = await createKey(harness, { org_id: 'acme', apply_policies: ['gold'], access_rights: {} });
    silverKey = await createKey(harness, { org_id: 'acme', apply_policies: ['silver'], access_rights: {} });
  });

  afterAll(async () => harness?.stop());

  async function admin(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${harness.gateway.proxyUrl}${path}`, {
      method,
      headers: ADMIN,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function status(path: string, key?: string): Promise<number> {
    const response = await fetch(`${harness.gateway.proxyUrl}${path}`, {
      headers: key ? { authorization: key } : {},
    });
    await response.arrayBuffer();
    return response.status;
  }

  it('applies each write at once, changes only the touched entity, drops no request and keeps other keys cached', async () => {
    const client = new Pool(harness.gateway.proxyUrl, { connections: 8 });
    const statuses = new Map<string, number>();
    let stop = false;
    const traffic = async (path: string, key?: string) => {
      while (!stop) {
        const { statusCode, body } = await client.request({
          path,
          method: 'GET',
          headers: key ? { authorization: key } : {},
        });
        await body.text();
        const label = `${path} ${statusCode}`;
        statuses.set(label, (statuses.get(label) ?? 0) + 1);
      }
    };
    const workers = [
      traffic('/stable/g', goldKey),
      traffic('/stable/s', silverKey),
      traffic('/open/x'),
      traffic('/stable/g', goldKey),
    ];
    // Every key fetched once, so that later misses could only come from evictions.
    await waitFor(
      () => (statuses.get('/stable/s 200') ?? 0) > 0 && (statuses.get('/stable/g 200') ?? 0) > 0,
      {
        description: 'both keys served',
      },
    );
    const clearsBefore = await counter(
      harness,
      'gatehouse_gateway_key_cache_evictions_total',
      'reason="clear"',
    );
    const missesBefore = await counter(harness, 'gatehouse_gateway_key_cache_total', 'outcome="miss"');
    try {
      for (let i = 0; i < 10; i++) {
        const api = keylessApi(`churn-${i}`, `/churn-${i}/`, harness.upstreamUrl);
        expect((await admin('POST', '/tyk/apis', api)).status).toBe(200);
        expect(await status(`/churn-${i}/x`)).toBe(200);
        const moved = { ...api, proxy: { ...api.proxy, listen_path: `/moved-${i}/` } };
        expect((await admin('PUT', `/tyk/apis/churn-${i}`, moved)).status).toBe(200);
        expect(await status(`/moved-${i}/x`)).toBe(200);
        expect(await status(`/churn-${i}/x`)).toBe(404);
        expect((await admin('DELETE', `/tyk/apis/churn-${i}`)).status).toBe(200);
        expect(await status(`/moved-${i}/x`)).toBe(404);
      }
      // Thirty API writes evicted no key: every key kept hitting the cache.
      expect(await counter(harness, 'gatehouse_gateway_key_cache_total', 'outcome="miss"')).toBe(
        missesBefore,
      );
      // A policy change reaches only the keys built from it.
      expect((await admin('PUT', '/tyk/policies/silver', policy('silver', 400_000))).status).toBe(200);
      const silver = await fetch(`${harness.gateway.proxyUrl}/stable/s`, {
        headers: { authorization: silverKey },
      });
      expect(silver.headers.get('x-ratelimit-limit')).toBe('400000');
      const gold = await fetch(`${harness.gateway.proxyUrl}/stable/g`, {
        headers: { authorization: goldKey },
      });
      expect(gold.headers.get('x-ratelimit-limit')).toBe('1000000');
    } finally {
      stop = true;
      await Promise.all(workers);
      await client.close();
    }
    expect([...statuses.keys()].sort()).toEqual(['/open/x 200', '/stable/g 200', '/stable/s 200']);
    expect(statuses.get('/stable/g 200')).toBeGreaterThan(100);
    expect(await counter(harness, 'gatehouse_gateway_key_cache_evictions_total', 'reason="clear"')).toBe(
      clearsBefore,
    );
  });

  it('refuses an API write that takes another API’s listen path, storing and serving nothing new', async () => {
    const clash = keylessApi('intruder', '/stable/', harness.upstreamUrl);
    const refused = await admin('POST', '/tyk/apis', clash);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      status: 'error',
      message: 'listen path /stable is already used by API stable',
    });
    expect((await admin('GET', '/tyk/apis/intruder')).status).toBe(404);
    expect(await status('/stable/x', goldKey)).toBe(200);
  });
});

describe('Gateway API writes with hostile ids (real HTTP, real filesystem)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [keylessApi('open', '/open/', upstream)]);
  });

  afterAll(async () => harness?.stop());

  it('refuses an id that would leave the definitions folder with 400 naming the field, serving nothing', async () => {
    for (const [path, body, field] of [
      ['/tyk/apis', keylessApi('../escaped', '/escaped/', harness.upstreamUrl), 'api_id'],
      ['/tyk/policies', { id: '../../escaped', rate: 1, per: 1, access_rights: {} }, 'id'],
    ] as const) {
      const response = await fetch(`${harness.gateway.proxyUrl}${path}`, {
        method: 'POST',
        headers: ADMIN,
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { fields: string[] }).fields).toContain(field);
    }
    expect((await fetch(`${harness.gateway.proxyUrl}/escaped/x`)).status).toBe(404);
    expect(existsSync(join(harness.appPath, '..', 'escaped.json'))).toBe(false);
    expect(existsSync(join(harness.policyPath, '..', '..', 'escaped.json'))).toBe(false);
  });
});
