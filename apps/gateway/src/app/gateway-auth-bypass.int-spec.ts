import { stackService, uniqueName } from '@gatehouse/shared-testing';
import { generateKey, tykHash } from '@gatehouse/shared-tyk-compat';
import Redis from 'ioredis';
import { request } from 'node:http';

import { createKey, Harness, protectedApi, startHarness, TEST_SECRET } from './gateway.spec-helper';

const ORG = 'acme';

const rights = (apiId: string) => ({ [apiId]: { api_id: apiId, api_name: apiId, versions: [] } });

/**
 * The authentication bypasses of the attack review, each replayed against a real gateway: every test
 * here got a 200 (or a 500) from the code before the fix.
 */
describe('gateway authentication under attack (real Redis, real upstream)', () => {
  const prefix = `${uniqueName('gw-bypass')}:`;
  let harness: Harness;
  let redis: Redis;
  let base: string;

  const call = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  /** Writes a session where Tyk would have stored it: the attack's planted or migrated key. */
  const plant = (keyId: string, session: Record<string, unknown>) =>
    redis.set(
      `${prefix}apikey-${keyId}`,
      JSON.stringify({ org_id: ORG, access_rights: rights('keyed'), ...session }),
    );

  beforeAll(async () => {
    harness = await startHarness(
      (upstream) => [
        protectedApi('keyed', '/keyed/', upstream),
        protectedApi('basic', '/basic/', upstream, { use_basic_auth: true }),
        protectedApi('cookie', '/cookie/', upstream, {
          strip_auth_data: true,
          auth_configs: { authToken: { use_cookie: true, cookie_name: 'session', disable_header: true } },
        }),
        protectedApi('chained', '/chained/', upstream, {
          use_basic_auth: true,
          use_standard_auth: true,
          base_identity_provided_by: 'auth_token',
          auth_configs: { authToken: { auth_header_name: 'X-Api-Key' } },
        }),
      ],
      { redis_key_prefix: prefix },
    );
    base = harness.gateway.proxyUrl;
    redis = new Redis(stackService('redis'));
  });

  afterAll(async () => {
    redis?.disconnect();
    await harness?.stop();
  });

  describe('keys forged from their hash', () => {
    it('never looks a key up by an unkeyed Tyk hash (attack: a murmur64 preimage of a stored id)', async () => {
      const forged = generateKey(ORG, 'forged-preimage', 'murmur64');
      await plant(tykHash('murmur64', forged), {});
      expect((await call('/keyed/x', { authorization: forged })).status).toBe(403);
    });

    it('ignores the hash function named inside the key (attack: `h` chosen by the client)', async () => {
      const forged = Buffer.from(`{"org":"${ORG}","id":"x","h":"sha256"}`).toString('base64');
      await plant(tykHash('sha256', forged), {});
      const legacy = `${ORG}legacy-key-id`;
      await plant(tykHash('murmur64', legacy), {});
      expect((await call('/keyed/x', { authorization: forged })).status).toBe(403);
      expect((await call('/keyed/x', { authorization: legacy })).status).toBe(403);
    });

    it('serves keys the gateway made, under its own keyed hash', async () => {
      const key = await createKey(harness, { access_rights: rights('keyed') });
      expect((await call('/keyed/x', { authorization: key })).status).toBe(200);
    });
  });

  describe('basic-auth users', () => {
    beforeAll(async () => {
      const created = await fetch(`${base}/tyk/keys/alice`, {
        method: 'POST',
        headers: { 'x-tyk-authorization': TEST_SECRET },
        body: JSON.stringify({
          org_id: ORG,
          access_rights: { ...rights('keyed'), ...rights('chained'), ...rights('basic') },
          basic_auth_data: { password: 'alice-pass', hash_type: '' },
        }),
      });
      expect(created.status).toBe(200);
    });

    it("refuses a user's id as an auth token without the password (attack: Authorization: <org><user>)", async () => {
      const idAsToken = generateKey(ORG, 'alice', 'murmur64');
      expect((await call('/keyed/x', { authorization: idAsToken })).status).toBe(403);
    });

    it('refuses guessing past 10 failures from one address, without locking the user out elsewhere', async () => {
      const basic = (password: string) => `Basic ${Buffer.from(`alice:${password}`).toString('base64')}`;
      const from = (address: string, password: string) =>
        new Promise<number>((resolve, reject) => {
          const { port } = new URL(base);
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path: '/basic/x',
              localAddress: address,
              headers: { authorization: basic(password) },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end();
        });
      const guesses = [];
      for (let i = 0; i < 12; i++) guesses.push(await from('127.0.0.3', `guess-${i}`));
      expect(guesses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(guesses.slice(10)).toEqual([429, 429]);
      expect(await from('127.0.0.3', 'alice-pass')).toBe(429);
      expect(await from('127.0.0.4', 'alice-pass')).toBe(200);
    });

    it('stores the password hashed even when it arrived in clear', async () => {
      const keys = await redis.keys(`${prefix}apikey-*`);
      const stored = await Promise.all(keys.map((key) => redis.get(key)));
      expect(stored.join('\n')).not.toContain('alice-pass');
    });
  });

  describe('chained authentication', () => {
    const basic = `Basic ${Buffer.from('alice:alice-pass').toString('base64')}`;

    it('refuses basic credentials alone when the API also requires a key (attack: weaker chain)', async () => {
      const answer = await call('/chained/x', { authorization: basic });
      expect(answer.status).toBe(401);
      expect(await answer.json()).toEqual({ error: 'Authorization field missing' });
    });

    it('refuses a key alone, and serves both together', async () => {
      const key = await createKey(harness, { access_rights: rights('chained') });
      expect((await call('/chained/x', { 'x-api-key': key })).status).toBe(401);
      expect((await call('/chained/x', { 'x-api-key': key, authorization: basic })).status).toBe(200);
    });
  });

  describe('a key sent as a cookie', () => {
    it('is not forwarded upstream when strip_auth_data is on; other cookies are', async () => {
      const key = await createKey(harness, { access_rights: rights('cookie') });
      const answer = await call('/cookie/x', { cookie: `theme=dark; session=${encodeURIComponent(key)}` });
      expect(answer.status).toBe(200);
      const seen = (await answer.json()) as { headers: Record<string, string> };
      expect(seen.headers['cookie']).toBe('theme=dark');
    });

    it('answers a malformed percent-encoded cookie with 400, not 500', async () => {
      const answer = await call('/cookie/x', { cookie: 'session=%E0%A4%A' });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual({ error: 'Malformed cookie header' });
    });
  });

  it('takes a 128-character dashboard-format key in /tyk/keys/{key} (was 400: max param length)', async () => {
    const long = generateKey(
      '0123456789abcdef0123456789abcdef',
      'fedcba9876543210fedcba9876543210',
      'sha256',
    );
    expect(long.length).toBeGreaterThanOrEqual(120);
    const created = await fetch(`${base}/tyk/keys/${encodeURIComponent(long)}`, {
      method: 'GET',
      headers: { 'x-tyk-authorization': TEST_SECRET },
    });
    expect(created.status).toBe(404);
    expect(await created.json()).toEqual({ status: 'error', message: 'Key not found' });
  });
});
