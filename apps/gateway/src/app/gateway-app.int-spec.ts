import { createLogger } from '@gatehouse/shared-observability';
import {
  freePort,
  repoRoot,
  stackService,
  temporaryDirectory,
  uniqueName,
  waitFor,
} from '@gatehouse/shared-testing';
import { cpSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { gatewayConfigSchema } from './gateway.config';
import { RunningGateway, startGateway } from './gateway-app';
import { TEST_KEY_HASH_SECRET } from './gateway.spec-helper';

const silent = createLogger({ name: 'gateway', level: 'silent', format: 'json' });
const EXAMPLES = join(repoRoot(), 'docs', 'examples', 'tyk');
const SECRET = '352d20ee67be67f6340b4c0605b044b7';

/** The Tyk examples with their upstream pointed at a real server on loopback; nothing else changed. */
function exampleFolders(upstreamUrl: string): { apps: string; policies: string } {
  const dir = temporaryDirectory('gatehouse-gw-');
  cpSync(EXAMPLES, dir, { recursive: true });
  for (const name of ['hello-world', 'orders', 'billing']) {
    const file = join(dir, 'apps', `${name}.json`);
    const text = readFileSync(file, 'utf8').replace('http://127.0.0.1:9000/', `${upstreamUrl}/`);
    require('node:fs').writeFileSync(file, text);
  }
  return { apps: join(dir, 'apps'), policies: join(dir, 'policies') };
}

async function startUpstream(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url, authorization: req.headers.authorization ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('gateway with Tyk example definitions (real Redis, real upstream)', () => {
  let upstream: { server: Server; url: string };
  let sut: RunningGateway;
  let base: string;
  const admin = { 'x-tyk-authorization': SECRET, 'content-type': 'application/json' };

  beforeAll(async () => {
    upstream = await startUpstream();
    const folders = exampleFolders(upstream.url);
    const tykConf = JSON.parse(readFileSync(join(EXAMPLES, 'tyk.conf'), 'utf8'));
    const config = gatewayConfigSchema.parse({
      ...tykConf,
      listen_port: 0,
      app_path: folders.apps,
      policies: { policy_source: 'file', policy_path: folders.policies },
      redis_url: stackService('redis'),
      redis_key_prefix: `${uniqueName('gw')}:`,
      node_secret: uniqueName('node'),
      key_hashing: { secret: TEST_KEY_HASH_SECRET },
    });
    sut = await startGateway(config, silent);
    base = sut.proxyUrl;
  });

  afterAll(async () => {
    await sut?.close();
    upstream.server.closeAllConnections();
    await new Promise((resolve) => upstream.server.close(resolve));
  });

  async function createKey(body: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${base}/tyk/keys/create`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as {
      key: string;
      status: string;
      action: string;
      key_hash: string;
    };
    expect(response.status).toBe(200);
    expect(answer).toMatchObject({ status: 'ok', action: 'added' });
    expect(answer.key_hash).toMatch(/^[0-9a-f]{64}$/);
    return answer.key;
  }

  const get = (path: string, key?: string) =>
    fetch(`${base}${path}`, { headers: key ? { authorization: key } : {} });

  it('serves a keyless API', async () => {
    const response = await get('/hello-world/anything?x=1');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ path: '/anything?x=1' });
  });

  it("answers /hello like Tyk, with Redis's state", async () => {
    const response = await fetch(`${base}/hello`);
    expect(await response.json()).toMatchObject({
      status: 'pass',
      description: 'Tyk GW',
      details: { redis: { status: 'pass' } },
    });
  });

  it('refuses a protected API without a key, and with an unknown key', async () => {
    const missing = await get('/orders/1');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: 'Authorization field missing' });
    const unknown = await get('/orders/1', 'not-a-real-key');
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toEqual({ error: 'Access to this API has been disallowed' });
  });

  it('creates a key from a policy, with Tyk key format, and serves it with quota headers then 429', async () => {
    const key = await createKey({ org_id: '1', apply_policies: ['gold'], access_rights: {} });
    expect(JSON.parse(Buffer.from(key, 'base64').toString())).toMatchObject({ org: '1', h: 'murmur64' });
    const first = await get('/orders/1', key);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('100');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('99');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect((await get('/orders/2', `Bearer ${key}`)).status).toBe(200);
    const limited = await get('/orders/3', key);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ error: 'Rate Limit Exceeded' });
  });

  it('refuses with 403 "Quota exceeded" once the quota is used', async () => {
    const key = await createKey({ org_id: '1', apply_policies: ['trial'], access_rights: {} });
    expect((await get('/orders/a', key)).status).toBe(200);
    expect((await get('/orders/b', key)).status).toBe(200);
    const over = await get('/orders/c', key);
    expect(over.status).toBe(403);
    expect(await over.json()).toEqual({ error: 'Quota exceeded' });
  });

  it('refuses an API the key has no rights to', async () => {
    const key = await createKey({ org_id: '1', apply_policies: ['gold'], access_rights: {} });
    const response = await get('/billing/invoices', key);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'Access to this API has been disallowed' });
  });

  it('refuses a deleted key (403), an inactive key (403) and an expired key (401)', async () => {
    const rights = { orders: { api_id: 'orders', api_name: 'Orders API', versions: ['Default'] } };
    const key = await createKey({ org_id: '1', rate: 100, per: 1, quota_max: -1, access_rights: rights });
    expect((await get('/orders/x', key)).status).toBe(200);
    const deleted = await fetch(`${base}/tyk/keys/${encodeURIComponent(key)}`, {
      method: 'DELETE',
      headers: admin,
    });
    expect(await deleted.json()).toEqual({ key, status: 'ok', action: 'deleted' });
    const revoked = await get('/orders/x', key);
    expect(revoked.status).toBe(403);

    const inactive = await createKey({ org_id: '1', is_inactive: true, access_rights: rights });
    const inactiveAnswer = await get('/orders/x', inactive);
    expect(inactiveAnswer.status).toBe(403);
    expect(await inactiveAnswer.json()).toEqual({ error: 'Key is inactive, please renew' });

    const expired = await createKey({
      org_id: '1',
      expires: Math.floor(Date.now() / 1000) - 60,
      access_rights: rights,
    });
    const expiredAnswer = await get('/orders/x', expired);
    expect(expiredAnswer.status).toBe(401);
    expect(await expiredAnswer.json()).toEqual({ error: 'Key has expired, please renew' });
  });

  it('applies a key update at once (no cache staleness)', async () => {
    const rights = { orders: { api_id: 'orders', api_name: 'Orders API', versions: ['Default'] } };
    const key = await createKey({ org_id: '1', access_rights: rights });
    expect((await get('/orders/x', key)).status).toBe(200);
    const update = await fetch(`${base}/tyk/keys/${encodeURIComponent(key)}`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ org_id: '1', is_inactive: true, access_rights: rights }),
    });
    expect(await update.json()).toEqual({ key, status: 'ok', action: 'modified' });
    expect((await get('/orders/x', key)).status).toBe(403);
  });

  it('refuses the Gateway API without the secret', async () => {
    const response = await fetch(`${base}/tyk/apis`, { headers: { 'x-tyk-authorization': 'wrong' } });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      status: 'error',
      message: 'Attempted administrative access with invalid or missing key!',
    });
  });

  it('adds an API through the Gateway API and serves it without a separate reload', async () => {
    const definition = {
      api_id: 'added',
      org_id: '1',
      use_keyless: true,
      active: true,
      proxy: { listen_path: '/added/', target_url: upstream.url, strip_listen_path: true },
    };
    const created = await fetch(`${base}/tyk/apis`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(definition),
    });
    expect(await created.json()).toEqual({ key: 'added', status: 'ok', action: 'added' });
    await waitFor(async () => (await get('/added/ping')).status === 200, {
      description: 'the new API to serve',
    });
    const listed = (await (await fetch(`${base}/tyk/apis`, { headers: admin })).json()) as {
      api_id: string;
    }[];
    expect(listed.map((api) => api.api_id).sort()).toEqual(['Hello-World', 'added', 'billing', 'orders']);
  });

  it('refuses a bad definition with a clear message and keeps serving', async () => {
    const bad = await fetch(`${base}/tyk/apis`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ api_id: 'bad', proxy: { listen_path: '/bad/', target_url: 'not a url' } }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      status: 'error',
      message:
        'Validation of API Definition failed. Reason: proxy.target_url: "not a url" is not an http(s) URL.',
      fields: ['proxy.target_url'],
    });
    const malformed = await fetch(`${base}/tyk/apis`, {
      method: 'POST',
      headers: admin,
      body: '{"api_id": ',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ status: 'error', message: 'Request malformed' });
    expect((await get('/hello-world/still')).status).toBe(200);
  });

  it('answers 404 in Tyk words for a missing API and key', async () => {
    const api = await fetch(`${base}/tyk/apis/nope`, { headers: admin });
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ status: 'error', message: 'API not found' });
    const key = await fetch(`${base}/tyk/keys/nope`, { headers: admin });
    expect(key.status).toBe(404);
    expect(await key.json()).toEqual({ status: 'error', message: 'Key not found' });
  });

  it('reads Gateway API bodies as JSON whatever their content type, as Tyk does (curl -d)', async () => {
    const response = await fetch(`${base}/tyk/keys/create`, {
      method: 'POST',
      headers: { 'x-tyk-authorization': SECRET, 'content-type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({ org_id: '1', apply_policies: ['gold'], access_rights: {} }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { action: string }).action).toBe('added');
  });

  it('creates a key with a custom name once, refusing a second with 409', async () => {
    const body = JSON.stringify({ org_id: '1', apply_policies: ['gold'], access_rights: {} });
    const first = await fetch(`${base}/tyk/keys/my-custom-key`, { method: 'POST', headers: admin, body });
    const created = (await first.json()) as { key: string };
    expect(JSON.parse(Buffer.from(created.key, 'base64').toString())).toMatchObject({
      org: '1',
      id: 'my-custom-key',
    });
    expect((await get('/orders/1', created.key)).status).toBe(200);
    const again = await fetch(`${base}/tyk/keys/my-custom-key`, { method: 'POST', headers: admin, body });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ status: 'error', message: 'Key already exists' });
  });

  it('refuses a master key unless allowed', async () => {
    const response = await fetch(`${base}/tyk/keys/create`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ org_id: '1' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      status: 'error',
      message: 'Failed to create key, keys must have at least one Access Rights record set.',
      fields: ['access_rights'],
    });
  });

  it('fails to start on an invalid definition, naming the file and field', async () => {
    const folders = exampleFolders(upstream.url);
    require('node:fs').writeFileSync(
      join(folders.apps, 'broken.json'),
      JSON.stringify({ api_id: 'b', proxy: {} }),
    );
    const config = gatewayConfigSchema.parse({
      listen_port: await freePort(),
      app_path: folders.apps,
      redis_url: stackService('redis'),
      key_hashing: { secret: TEST_KEY_HASH_SECRET },
    });
    await expect(startGateway(config, silent)).rejects.toThrow(/broken\.json: proxy\.listen_path/);
  });
});
