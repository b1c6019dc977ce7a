import {
  freePort,
  startProcess,
  StartedProcess,
  stackService,
  temporaryDirectory,
  uniqueName,
  waitFor,
} from '@gatehouse/shared-testing';
import { generateKey, tykHash } from '@gatehouse/shared-tyk-compat';
import Redis from 'ioredis';

import { createKey, Harness, keylessApi, startHarness } from './gateway.spec-helper';

const rights = (apiId: string) => ({ [apiId]: { api_id: apiId, api_name: apiId, versions: [] } });

/** A Redis of this test's own, so killing it touches no other test. */
function startRedis(port: number): StartedProcess {
  const dir = temporaryDirectory('gatehouse-redis-');
  return startProcess(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { PATH: process.env['PATH'] ?? '' },
  );
}

async function redisAnswers(port: number): Promise<boolean> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Regional Redis killed for a while: before the fix every keyed request got 500. */
describe('gateway while regional Redis is down (a real Redis, killed and restarted)', () => {
  let port: number;
  let redis: StartedProcess;
  let harness: Harness;
  let base: string;

  const call = (path: string, key?: string) =>
    fetch(`${base}${path}`, { headers: key ? { authorization: key } : {} });

  beforeAll(async () => {
    port = await freePort();
    redis = startRedis(port);
    await waitFor(() => redisAnswers(port), { description: 'its Redis to answer', timeoutMs: 10_000 });
    harness = await startHarness(
      (upstream) => [{ ...keylessApi('keyed', '/keyed/', upstream), use_keyless: false }],
      {
        redis_url: `redis://127.0.0.1:${port}/0`,
        // Cached keys expire at once, so during the outage an expired entry is what serves them.
        local_session_cache: { cached_session_timeout: 0 },
      },
    );
    base = harness.gateway.proxyUrl;
  });

  afterAll(async () => {
    await harness?.stop();
    await redis?.stop('SIGKILL');
  });

  it('serves cached keys with local rate limits, refuses unknown keys with 503, and recovers', async () => {
    const key = await createKey(harness, { access_rights: rights('keyed'), rate: 3, per: 60 });
    expect((await call('/keyed/a', key)).status).toBe(200);

    await redis.stop('SIGKILL');
    await waitFor(async () => !(await redisAnswers(port)), { description: 'Redis to be gone' });
    await waitFor(
      async () => ((await (await fetch(`${base}/hello`)).json()) as { status: string }).status === 'warn',
      { description: 'the gateway to see Redis gone' },
    );

    const during = [];
    for (let i = 0; i < 4; i++) during.push((await call('/keyed/b', key)).status);
    // The key keeps working, rate-limited in process memory: 3 per minute, 1 already used in Redis.
    expect(during.slice(0, 3)).toEqual([200, 200, 200]);
    expect(during[3]).toBe(429);
    const unknown = await call('/keyed/c', generateKey('acme', 'never-seen', 'murmur64'));
    expect(unknown.status).toBe(503);
    expect(await unknown.json()).toEqual({ error: 'Key store unavailable, please try again later' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/gatehouse_gateway_degraded_limit_checks_total\{[^}]*\} [1-9]/);
    expect(metrics).toMatch(/gatehouse_gateway_key_cache_total\{[^}]*outcome="stale"[^}]*\} [1-9]/);

    redis = startRedis(port);
    await waitFor(() => redisAnswers(port), { description: 'Redis to be back' });
    // A fresh Redis lost the key (regional Redis may be ephemeral): it is unknown now, not a 5xx.
    await waitFor(async () => (await call('/keyed/d', key)).status === 403, {
      description: 'the gateway to reach Redis again',
      timeoutMs: 10_000,
    });
    const again = await createKey(harness, { access_rights: rights('keyed') });
    expect((await call('/keyed/e', again)).status).toBe(200);
  });
});

describe('gateway migrating keys from Tyk (key_hashing.migrate_from)', () => {
  const prefix = `${uniqueName('gw-migrate')}:`;
  let harness: Harness;
  let redis: Redis;

  beforeAll(async () => {
    harness = await startHarness(
      (upstream) => [{ ...keylessApi('keyed', '/keyed/', upstream), use_keyless: false }],
      { redis_key_prefix: prefix, key_hashing: { secret: 'x'.repeat(32), migrate_from: ['murmur64'] } },
    );
    redis = new Redis(stackService('redis'));
  });

  afterAll(async () => {
    redis?.disconnect();
    await harness?.stop();
  });

  it('accepts a key Tyk stored under murmur64 and re-hashes it on first use', async () => {
    const key = generateKey('acme', 'tyk-era-key', 'murmur64');
    const legacyId = tykHash('murmur64', key);
    await redis.set(
      `${prefix}apikey-${legacyId}`,
      JSON.stringify({ org_id: 'acme', access_rights: rights('keyed') }),
    );
    const answer = await fetch(`${harness.gateway.proxyUrl}/keyed/x`, { headers: { authorization: key } });
    expect(answer.status).toBe(200);
    expect(await redis.exists(`${prefix}apikey-${legacyId}`)).toBe(0);
    const ids = (await redis.keys(`${prefix}apikey-*`)).map((name) => name.slice(`${prefix}apikey-`.length));
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^[0-9a-f]{64}$/);
  });
});
