import bcrypt from 'bcryptjs';
import { createHash } from 'node:crypto';

import {
  createKey,
  Harness,
  keylessApi,
  protectedApi,
  startHarness,
  TEST_SECRET,
} from './gateway.spec-helper';

const rightsTo = (...apiIds: string[]) =>
  Object.fromEntries(apiIds.map((apiId) => [apiId, { api_id: apiId, api_name: apiId, versions: [] }]));

describe('gateway stages, each against real Redis and a real upstream', () => {
  let harness: Harness;
  let base: string;

  beforeAll(async () => {
    harness = await startHarness(
      (upstream) => [
        keylessApi('ip-allow', '/ip-allow/', upstream, {
          enable_ip_whitelisting: true,
          allowed_ips: ['127.0.0.0/8'],
        }),
        keylessApi('ip-deny', '/ip-deny/', upstream, {
          enable_ip_blacklisting: true,
          blacklisted_ips: ['127.0.0.1'],
        }),
        keylessApi('paths', '/paths/', upstream, {
          version_data: {
            not_versioned: true,
            versions: {
              Default: {
                global_size_limit: 10,
                extended_paths: {
                  white_list: [
                    { path: '/allowed', method_actions: { GET: { action: 'no_action' } } },
                    { path: '/upload', method: 'POST' },
                  ],
                  black_list: [{ path: '/allowed/secret', method: 'GET' }],
                },
              },
            },
          },
        }),
        keylessApi('transforms', '/transforms/', upstream, {
          version_data: {
            not_versioned: true,
            versions: {
              Default: {
                global_headers: { 'x-gateway': 'gatehouse' },
                global_headers_remove: ['x-drop-me'],
                extended_paths: {
                  url_rewrites: [
                    {
                      path: '/old/{id}',
                      method: 'GET',
                      match_pattern: '/old/(\\w+)',
                      rewrite_to: '/new/$1?from=old',
                    },
                  ],
                  method_transforms: [{ path: '/to-post', method: 'GET', to_method: 'POST' }],
                  transform_headers: [
                    {
                      path: '/h',
                      method: 'GET',
                      add_headers: { 'x-path-header': 'yes' },
                      delete_headers: [],
                    },
                  ],
                },
              },
            },
          },
        }),
        keylessApi('api-limited', '/api-limited/', upstream, { global_rate_limit: { rate: 2, per: 60 } }),
        protectedApi('token', '/token/', upstream, {
          strip_auth_data: true,
          auth_configs: {
            authToken: {
              auth_header_name: 'X-Api-Key',
              use_param: true,
              param_name: 'api_key',
              use_cookie: true,
              cookie_name: 'session',
            },
          },
          version_data: {
            not_versioned: true,
            versions: {
              Default: {
                extended_paths: {
                  ignored: [{ path: '/public', method_actions: { GET: { action: 'no_action' } } }],
                },
              },
            },
          },
        }),
        protectedApi('basic', '/basic/', upstream, { use_basic_auth: true }),
        protectedApi('granular', '/granular/', upstream),
        protectedApi('per-api-a', '/per-a/', upstream),
        protectedApi('per-api-b', '/per-b/', upstream),
      ],
      {},
      [
        {
          id: 'per-api',
          org_id: 'acme',
          partitions: { per_api: true },
          access_rights: {
            'per-api-a': { api_id: 'per-api-a', versions: [], limit: { rate: 1, per: 60, quota_max: -1 } },
            'per-api-b': { api_id: 'per-api-b', versions: [], limit: { rate: 100, per: 60, quota_max: -1 } },
          },
        },
      ],
    );
    base = harness.gateway.proxyUrl;
  });

  afterAll(async () => harness?.stop());

  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };

  it('applies IP allow and deny lists', async () => {
    expect((await call('/ip-allow/x')).status).toBe(200);
    expect(await call('/ip-deny/x')).toMatchObject({
      status: 403,
      body: { error: 'access from this IP has been disallowed' },
    });
  });

  it('applies white and black lists and the size limit', async () => {
    expect((await call('/paths/allowed')).status).toBe(200);
    expect(await call('/paths/other')).toMatchObject({
      status: 403,
      body: { error: 'Requested endpoint is forbidden' },
    });
    expect((await call('/paths/allowed/secret')).status).toBe(403);
    expect((await call('/paths/allowed', { method: 'GET' })).status).toBe(200);
    const big = await call('/paths/allowed', { method: 'GET', headers: { 'content-length': '0' } });
    expect(big.status).toBe(200);
    expect((await call('/paths/allowed', { method: 'POST', body: 'x'.repeat(5) })).status).toBe(403);
    expect((await call('/paths/upload', { method: 'POST', body: 'x'.repeat(5) })).status).toBe(200);
    expect(await call('/paths/upload', { method: 'POST', body: 'x'.repeat(50) })).toMatchObject({
      status: 400,
      body: { error: 'Request is too large' },
    });
    const chunked = (size: number) =>
      call('/paths/upload', {
        method: 'POST',
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('x'.repeat(size)));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
    expect((await chunked(5)).status).toBe(200);
    expect(await chunked(50)).toMatchObject({ status: 400, body: { error: 'Request is too large' } });
  });

  it('rewrites URLs, transforms methods and injects and removes headers', async () => {
    const rewritten = await call('/transforms/old/42', { headers: { 'x-drop-me': '1' } });
    expect(rewritten.body.path).toBe('/new/42?from=old');
    expect(rewritten.body.headers['x-gateway']).toBe('gatehouse');
    expect(rewritten.body.headers['x-drop-me']).toBeUndefined();
    expect((await call('/transforms/to-post')).body.method).toBe('POST');
    expect((await call('/transforms/h')).body.headers['x-path-header']).toBe('yes');
  });

  it('caps the whole API with global_rate_limit', async () => {
    expect((await call('/api-limited/1')).status).toBe(200);
    expect((await call('/api-limited/2')).status).toBe(200);
    expect(await call('/api-limited/3')).toMatchObject({
      status: 429,
      body: { error: 'API Rate Limit Exceeded' },
    });
  });

  describe('auth token', () => {
    it('reads the key from a custom header, query parameter or cookie, and strips it before the upstream', async () => {
      const key = await createKey(harness, { access_rights: rightsTo('token') });
      const viaHeader = await call('/token/x', { headers: { 'x-api-key': key } });
      expect(viaHeader.status).toBe(200);
      expect(viaHeader.body.headers['x-api-key']).toBeUndefined();
      const viaParam = await call(`/token/x?api_key=${encodeURIComponent(key)}&keep=1`);
      expect(viaParam.body.path).toBe('/x?keep=1');
      expect(
        (await call('/token/x', { headers: { cookie: `session=${encodeURIComponent(key)}` } })).status,
      ).toBe(200);
    });

    it('lets ignored paths through without a key', async () => {
      expect((await call('/token/public')).status).toBe(200);
      expect((await call('/token/private')).status).toBe(401);
    });
  });

  describe('basic auth', () => {
    async function basicUser(username: string, password: string, hashType: string) {
      const stored =
        hashType === 'bcrypt'
          ? bcrypt.hashSync(password, 4)
          : hashType === 'sha256'
            ? createHash('sha256').update(password).digest('hex')
            : password;
      const response = await fetch(`${base}/tyk/keys/${username}`, {
        method: 'POST',
        headers: { 'x-tyk-authorization': TEST_SECRET },
        body: JSON.stringify({
          org_id: 'acme',
          access_rights: rightsTo('basic'),
          basic_auth_data: { password: stored, hash_type: hashType },
        }),
      });
      expect(response.status).toBe(200);
    }

    const basic = (user: string, password: string) => ({
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    });

    it.each(['', 'sha256', 'bcrypt'])('checks passwords stored with hash type "%s"', async (hashType) => {
      const user = `user-${hashType || 'plain'}`;
      await basicUser(user, 'correct horse', hashType);
      expect((await call('/basic/x', { headers: basic(user, 'correct horse') })).status).toBe(200);
      expect(await call('/basic/x', { headers: basic(user, 'wrong') })).toMatchObject({
        status: 401,
        body: { error: 'User not authorised' },
      });
    });

    // Tyk v5.10.2 gateway/mw_basic_auth.go: basicAuthHeaderCredentials and requestForBasicAuth.
    it.each([
      ['no space', 'Basic', 'header not in basic auth format'],
      ['two spaces', 'Basic  dXNlcjpwdw==', 'header not in basic auth format'],
      ['bad base64', 'Basic !!!', 'auth data not encoded correctly'],
      ['unpadded base64', 'Basic dXNlcjpwdw', 'auth data not encoded correctly'],
      ['no colon', `Basic ${Buffer.from('userpw').toString('base64')}`, 'values not in basic auth format'],
      ['two colons', `Basic ${Buffer.from('u:p:w').toString('base64')}`, 'values not in basic auth format'],
    ])('refuses a header with %s with its own 400 and no challenge', async (_case, authorization, reason) => {
      const response = await call('/basic/x', { headers: { authorization } });
      expect(response).toMatchObject({
        status: 400,
        body: { error: `Attempted access with malformed header, ${reason}` },
      });
      expect(response.headers.get('www-authenticate')).toBeNull();
    });

    it('challenges missing and wrong credentials with the API name as realm', async () => {
      await basicUser('challenged', 'pw', '');
      for (const [headers, error] of [
        [{}, 'Authorization field missing'],
        [basic('challenged', 'wrong'), 'User not authorised'],
        [basic('nobody', 'pw'), 'User not authorised'],
      ] as const) {
        const response = await call('/basic/x', { headers });
        expect(response).toMatchObject({ status: 401, body: { error } });
        expect(response.headers.get('www-authenticate')).toBe('Basic realm="basic"');
      }
    });
  });

  it('restricts keys to allowed URLs and methods', async () => {
    const key = await createKey(harness, {
      access_rights: {
        granular: {
          api_id: 'granular',
          versions: [],
          allowed_urls: [{ url: '/orders/{id}', methods: ['GET'] }],
        },
      },
    });
    expect((await call('/granular/orders/7', { headers: { authorization: key } })).status).toBe(200);
    expect(
      await call('/granular/orders/7', { method: 'DELETE', headers: { authorization: key } }),
    ).toMatchObject({
      status: 403,
      body: { error: 'Access to this resource has been disallowed' },
    });
    expect((await call('/granular/admin', { headers: { authorization: key } })).status).toBe(403);
  });

  it('counts per-API limits of a per_api policy separately for each API', async () => {
    const key = await createKey(harness, { apply_policies: ['per-api'], access_rights: {} });
    expect((await call('/per-a/1', { headers: { authorization: key } })).status).toBe(200);
    expect((await call('/per-a/2', { headers: { authorization: key } })).status).toBe(429);
    expect((await call('/per-b/1', { headers: { authorization: key } })).status).toBe(200);
    expect((await call('/per-b/2', { headers: { authorization: key } })).status).toBe(200);
  });
});

describe('local rate limiter mode (real Redis for quotas only)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [protectedApi('limited', '/limited/', upstream)], {
      rate_limiter: 'local',
      rate_limit_response_headers: 'rate_limits',
    });
  });

  afterAll(async () => harness?.stop());

  it('limits in process memory and reports the rate in the headers', async () => {
    const key = await createKey(harness, { rate: 2, per: 60, access_rights: rightsTo('limited') });
    const first = await fetch(`${harness.gateway.proxyUrl}/limited/1`, { headers: { authorization: key } });
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(
      (await fetch(`${harness.gateway.proxyUrl}/limited/2`, { headers: { authorization: key } })).status,
    ).toBe(200);
    const limited = await fetch(`${harness.gateway.proxyUrl}/limited/3`, { headers: { authorization: key } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
