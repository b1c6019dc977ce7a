import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  createKey,
  Harness,
  keylessApi,
  protectedApi,
  startHarness,
  TEST_SECRET,
} from './gateway.spec-helper';

// Tyk v5.10.2 gateway/mw_redis_cache.go (request side), res_cache.go (response side) and api.go
// (DELETE /tyk/cache/{apiID}). The echo upstream answers with the request id it saw, so a replayed
// answer shows an earlier request's id.
const cacheOptions = (extra: object = {}) => ({ enable_cache: true, cache_timeout: 60, ...extra });

describe('response caching as Tyk does it (real HTTP, real Redis)', () => {
  let harness: Harness;

  let bigUpstream: { server: Server; url: string };
  let bigAnswers = 0;

  beforeAll(async () => {
    // Answers of 2 MiB, each different: a cache that kept them would let one client fill Redis.
    const server = createServer((_req, res) => {
      bigAnswers++;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`${bigAnswers}`.padEnd(2 * 1024 * 1024, '.'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    bigUpstream = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    harness = await startHarness((upstream) => [
      keylessApi('cached', '/cached/', upstream, {
        cache_options: cacheOptions({ cache_all_safe_requests: true }),
      }),
      protectedApi('cached-keyed', '/cached-keyed/', upstream, {
        cache_options: cacheOptions({ cache_all_safe_requests: true }),
      }),
      keylessApi('cached-path', '/cached-path/', upstream, {
        cache_options: cacheOptions(),
        version_data: {
          not_versioned: true,
          versions: { Default: { name: 'Default', extended_paths: { cache: ['/only'] } } },
        },
      }),
      keylessApi('cached-big', '/cached-big/', bigUpstream.url, {
        cache_options: cacheOptions({ cache_all_safe_requests: true }),
      }),
      keylessApi('not-enabled', '/not-enabled/', upstream, {
        cache_options: { enable_cache: false, cache_timeout: 60, cache_all_safe_requests: true },
      }),
    ]);
  });

  afterAll(async () => {
    await harness?.stop();
    await new Promise((resolve) => bigUpstream.server.close(resolve));
  });

  const get = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
    const response = await fetch(`${harness.gateway.proxyUrl}${path}`, { method, headers });
    const body = (await response.json()) as { headers: Record<string, string> };
    return { cached: response.headers.get('x-tyk-cached-response'), seenId: body.headers['x-request-id'] };
  };

  it('answers a repeated safe request from the cache, marked X-Tyk-Cached-Response: 1', async () => {
    const first = await get('/cached/a?x=1');
    const second = await get('/cached/a?x=1');
    expect(first.cached).toBeNull();
    expect(second).toEqual({ cached: '1', seenId: first.seenId });
    expect((await get('/cached/a?x=2')).cached).toBeNull();
    expect((await get('/cached/a?x=1', {}, 'POST')).cached).toBeNull();
  });

  it("never serves one key another key's answer", async () => {
    const rights = { access_rights: { 'cached-keyed': { api_id: 'cached-keyed', versions: [] } } };
    const alice = await createKey(harness, rights);
    const bob = await createKey(harness, rights);
    const aliceFirst = await get('/cached-keyed/me', { authorization: alice });
    expect((await get('/cached-keyed/me', { authorization: alice })).seenId).toBe(aliceFirst.seenId);
    const bobFirst = await get('/cached-keyed/me', { authorization: bob });
    expect(bobFirst.cached).toBeNull();
    expect(bobFirst.seenId).not.toBe(aliceFirst.seenId);
  });

  it('caches only the paths named when not every safe request is cached, and nothing unless enabled', async () => {
    await get('/cached-path/only');
    expect((await get('/cached-path/only')).cached).toBe('1');
    await get('/cached-path/other');
    expect((await get('/cached-path/other')).cached).toBeNull();
    await get('/not-enabled/x');
    expect((await get('/not-enabled/x')).cached).toBeNull();
  });

  it("passes an answer over 1 MiB on without caching it (attack: filling the region's Redis)", async () => {
    const fetchBig = () => fetch(`${harness.gateway.proxyUrl}/cached-big/x`);
    const first = await fetchBig();
    expect((await first.text()).length).toBe(2 * 1024 * 1024);
    const second = await fetchBig();
    expect(second.headers.get('x-tyk-cached-response')).toBeNull();
    expect((await second.text()).startsWith(String(bigAnswers))).toBe(true);
    expect(bigAnswers).toBe(2);
  });

  it('drops every cached answer of an API on DELETE /tyk/cache/{apiId}', async () => {
    await get('/cached/b');
    expect((await get('/cached/b')).cached).toBe('1');
    const invalidated = await fetch(`${harness.gateway.proxyUrl}/tyk/cache/cached`, {
      method: 'DELETE',
      headers: { 'x-tyk-authorization': TEST_SECRET },
    });
    expect(await invalidated.json()).toEqual({ status: 'ok', message: 'cache invalidated' });
    expect((await get('/cached/b')).cached).toBeNull();
  });
});
