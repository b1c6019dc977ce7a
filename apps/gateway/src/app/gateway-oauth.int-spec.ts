import { stackService, uniqueName, waitFor } from '@gatehouse/shared-testing';
import Redis from 'ioredis';

import { Harness, keylessApi, startHarness, TEST_SECRET } from './gateway.spec-helper';
import { basic, oauthApi, ORG, POLICIES } from './oauth.spec-helper';

describe('OAuth 2.0 APIs (real HTTP, real Redis)', () => {
  const prefix = `${uniqueName('gw-oauth')}:`;
  const shared = { redis_key_prefix: prefix, node_secret: uniqueName('node') };
  let harness: Harness;
  let second: Harness;
  let redis: Redis;
  const issued: string[] = [];

  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${harness.gateway.proxyUrl}/tyk/oauth/${path}`, {
      ...init,
      headers: { 'x-tyk-authorization': TEST_SECRET, ...(init.headers as Record<string, string>) },
    });
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const createClient = async (body: Record<string, unknown>) => {
    const response = await admin('clients/create', { method: 'POST', body: JSON.stringify(body) });
    const text = await response.text();
    if (response.status === 200) issued.push(JSON.parse(text).secret);
    return { status: response.status, text, json: JSON.parse(text) };
  };
  const token = async (fields: Record<string, string>, auth?: string, base = harness.gateway.proxyUrl) => {
    const request = form(fields);
    const response = await fetch(`${base}/oauth-api/oauth/token`, {
      ...request,
      headers: { ...request.headers, ...(auth ? { authorization: auth } : {}) },
    });
    const text = await response.text();
    const json = JSON.parse(text);
    for (const name of ['access_token', 'refresh_token']) if (json[name]) issued.push(json[name]);
    return { status: response.status, text, json, headers: response.headers };
  };
  const call = async (authorization?: string, base = harness.gateway.proxyUrl) => {
    const response = await fetch(`${base}/oauth-api/hello`, {
      headers: authorization ? { authorization } : {},
    });
    const body = await response.text();
    return { status: response.status, error: response.status === 200 ? '' : JSON.parse(body).error };
  };

  let client: { client_id: string; secret: string };
  const credentials = () => basic(client.client_id, client.secret);

  beforeAll(async () => {
    const apis = (upstream: string) => [oauthApi(upstream), keylessApi('open', '/open/', upstream)];
    harness = await startHarness(apis, shared, POLICIES);
    second = await startHarness(apis, shared, POLICIES);
    redis = new Redis(stackService('redis'));
    const created = await createClient({
      api_id: 'oauth',
      redirect_uri: 'https://app.example/cb',
      policy_id: 'oauth-pol',
      meta_data: { tier: 'gold' },
      description: 'the app',
    });
    client = created.json;
  });

  afterAll(async () => {
    redis?.disconnect();
    await harness?.stop();
    await second?.stop();
  });

  it("registers a client and answers Tyk's client document, the secret shown only once", async () => {
    const created = await createClient({
      api_id: 'oauth',
      redirect_uri: 'https://x/cb',
      client_id: 'my-app',
    });
    expect(created.status).toBe(200);
    expect(Object.keys(created.json)).toEqual([
      'client_id',
      'redirect_uri',
      'secret',
      'meta_data',
      'description',
    ]);
    expect(created.json).toMatchObject({ client_id: 'my-app', meta_data: null });
    expect(created.json.secret.length).toBeGreaterThan(20);
    const listed = (await (await admin('clients/oauth')).json()) as { client_id: string }[];
    expect(listed.map((c) => c.client_id).sort()).toEqual([client.client_id, 'my-app'].sort());
    const one = await admin(`clients/oauth/${client.client_id}`);
    expect(await one.json()).toEqual({
      client_id: client.client_id,
      redirect_uri: 'https://app.example/cb',
      policy_id: 'oauth-pol',
      secret: '',
      meta_data: { tier: 'gold' },
      description: 'the app',
    });
    const missing = await admin('clients/oauth/nope');
    expect([missing.status, await missing.json()]).toEqual([
      404,
      { status: 'error', message: 'OAuth Client ID not found' },
    ]);
    const unknownApi = await admin('clients/nope');
    expect([unknownApi.status, await unknownApi.text()]).toEqual([404, 'null']);
    expect((await createClient({ api_id: 'open' })).json.message).toBe('API is not OAuth2');
    expect((await createClient({ api_id: 'nope' })).json.message).toBe("API doesn't exist");
    expect((await admin('clients/create', { method: 'POST' })).status).toBe(400);
    expect((await fetch(`${harness.gateway.proxyUrl}/tyk/oauth/clients/oauth`)).status).toBe(403);
  });

  it('issues a bearer token for client credentials, which authenticates with the policy', async () => {
    const answer = await token({ grant_type: 'client_credentials' }, credentials());
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^\{"access_token":"[^"]+","expires_in":3600,"token_type":"bearer"\}\n$/);
    expect(answer.headers.get('cache-control')).toBe('no-cache, no-store, must-revalidate');
    const bearer = `Bearer ${answer.json.access_token}`;
    expect(await call(bearer)).toEqual({ status: 200, error: '' });
    // Any gateway of the region accepts it: the token lives in regional Redis.
    expect(await call(bearer, second.gateway.proxyUrl)).toEqual({ status: 200, error: '' });
    expect(await call(bearer)).toEqual({ status: 200, error: '' });
    expect(await call(bearer)).toEqual({ status: 429, error: 'Rate Limit Exceeded' });
  });

  it("refuses requests without a usable bearer token with Tyk's words", async () => {
    expect(await call()).toEqual({ status: 400, error: 'Authorization field missing' });
    expect(await call(credentials())).toEqual({ status: 400, error: 'Bearer token malformed' });
    expect(await call('Bearer not-a-token')).toEqual({ status: 403, error: 'Key not authorised' });
  });

  it("answers osin's errors for bad clients and grants", async () => {
    const error = (answer: { status: number; json: { error: string } }) => [answer.status, answer.json.error];
    const cc = { grant_type: 'client_credentials' };
    expect(error(await token(cc, basic(client.client_id, 'wrong')))).toEqual([403, 'unauthorized_client']);
    expect(error(await token(cc, basic('nobody', 'x')))).toEqual([403, 'unauthorized_client']);
    expect(error(await token(cc))).toEqual([403, 'invalid_request']);
    expect(error(await token({ grant_type: 'magic' }, credentials()))).toEqual([
      403,
      'unsupported_grant_type',
    ]);
    expect(error(await token({ grant_type: 'authorization_code', code: 'x' }, credentials()))).toEqual([
      403,
      'unsupported_grant_type',
    ]);
    expect(error(await token({ grant_type: 'refresh_token', refresh_token: 'nope' }, credentials()))).toEqual(
      [403, 'invalid_grant'],
    );
    const wrong = await token(cc, basic(client.client_id, 'wrong'));
    expect(wrong.text).toBe(
      '{"error":"unauthorized_client","error_description":"The client is not authorized to request a token using this method."}\n',
    );
    const put = await fetch(`${harness.gateway.proxyUrl}/oauth-api/oauth/token`, { method: 'PUT' });
    expect([put.status, await put.json()]).toEqual([
      405,
      { status: 'error', message: 'Method not supported' },
    ]);
  });

  it('issues refresh tokens with the password grant; a refresh replaces both tokens once', async () => {
    const user = uniqueName('user');
    const created = await fetch(`${harness.gateway.proxyUrl}/tyk/keys/${user}`, {
      method: 'POST',
      headers: { 'x-tyk-authorization': TEST_SECRET },
      body: JSON.stringify({ org_id: ORG, apply_policies: ['roomy'], basic_auth_data: { password: 'pw' } }),
    });
    expect(created.status).toBe(200);
    const roomy = await createClient({ api_id: 'oauth', redirect_uri: 'https://x/cb', policy_id: 'roomy' });
    const auth = basic(roomy.json.client_id, roomy.json.secret);
    const refused = await token({ grant_type: 'password', username: user, password: 'bad' }, auth);
    expect([refused.status, refused.json.error]).toEqual([403, 'access_denied']);
    const first = await token({ grant_type: 'password', username: user, password: 'pw' }, auth);
    expect(first.status).toBe(200);
    expect(first.json.refresh_token).toEqual(expect.any(String));
    expect(await call(`Bearer ${first.json.access_token}`)).toEqual({ status: 200, error: '' });
    const refresh = { grant_type: 'refresh_token', refresh_token: first.json.refresh_token };
    expect((await token(refresh, credentials())).json.error).toBe('invalid_client');
    const renewed = await token(refresh, auth);
    expect(renewed.status).toBe(200);
    expect(renewed.json.refresh_token).not.toBe(first.json.refresh_token);
    expect(await call(`Bearer ${renewed.json.access_token}`)).toEqual({ status: 200, error: '' });
    expect(await call(`Bearer ${first.json.access_token}`)).toEqual({
      status: 403,
      error: 'Key not authorised',
    });
    expect((await token(refresh, auth)).json.error).toBe('invalid_grant');
  });

  it('revokes tokens on the API and through the Gateway API, on every gateway', async () => {
    const roomy = await createClient({ api_id: 'oauth', redirect_uri: 'https://x/cb', policy_id: 'roomy' });
    const auth = basic(roomy.json.client_id, roomy.json.secret);
    const one = (await token({ grant_type: 'client_credentials' }, auth)).json.access_token;
    const two = (await token({ grant_type: 'client_credentials' }, auth)).json.access_token;
    expect(await call(`Bearer ${one}`, second.gateway.proxyUrl)).toEqual({ status: 200, error: '' });
    const revoked = await fetch(`${harness.gateway.proxyUrl}/oauth-api/oauth/revoke`, form({ token: one }));
    expect([revoked.status, await revoked.text()]).toEqual([
      200,
      '{"status":"ok","message":"token revoked successfully"}\n',
    ]);
    expect(await call(`Bearer ${one}`)).toEqual({ status: 403, error: 'Key not authorised' });
    // The other gateway had the token cached: the cluster notification evicts it.
    await waitFor(async () => (await call(`Bearer ${one}`, second.gateway.proxyUrl)).status === 403, {
      description: 'the second gateway to refuse the revoked token',
    });
    const missing = await admin('revoke', form({ token: two }));
    expect([missing.status, await missing.json()]).toEqual([
      400,
      { status: 'error', message: 'client_id is required' },
    ]);
    const adminRevoke = await admin('revoke', form({ token: two, client_id: roomy.json.client_id }));
    expect(adminRevoke.status).toBe(200);
    expect(await call(`Bearer ${two}`)).toEqual({ status: 403, error: 'Key not authorised' });
    const three = (await token({ grant_type: 'client_credentials' }, auth)).json.access_token;
    const revokeAll = (fields: Record<string, string>) =>
      fetch(`${harness.gateway.proxyUrl}/oauth-api/oauth/revoke_all`, form(fields));
    const wrong = await revokeAll({ client_id: roomy.json.client_id, client_secret: 'wrong' });
    expect([wrong.status, await wrong.json()]).toEqual([
      401,
      { status: 'error', message: 'client secret is wrong' },
    ]);
    expect(await call(`Bearer ${three}`)).toEqual({ status: 200, error: '' });
    expect(
      (await revokeAll({ client_id: roomy.json.client_id, client_secret: roomy.json.secret })).status,
    ).toBe(200);
    expect(await call(`Bearer ${three}`)).toEqual({ status: 403, error: 'Key not authorised' });
  });

  it("refuses a deleted client's tokens as Tyk does", async () => {
    const gone = await createClient({ api_id: 'oauth', redirect_uri: 'https://x/cb', policy_id: 'roomy' });
    const auth = basic(gone.json.client_id, gone.json.secret);
    const access = (await token({ grant_type: 'client_credentials' }, auth)).json.access_token;
    expect(await call(`Bearer ${access}`)).toEqual({ status: 200, error: '' });
    const deleted = await admin(`clients/oauth/${gone.json.client_id}`, { method: 'DELETE' });
    expect(await deleted.json()).toEqual({ key: gone.json.client_id, status: 'ok', action: 'deleted' });
    await waitFor(async () => (await call(`Bearer ${access}`)).status === 403, { description: 'refusal' });
    expect(await call(`Bearer ${access}`)).toEqual({
      status: 403,
      error: 'Key not authorised. OAuth client access was revoked',
    });
    expect((await token({ grant_type: 'client_credentials' }, auth)).json.error).toBe('unauthorized_client');
  });

  it('never stores a token or client secret in clear', async () => {
    expect(issued.length).toBeGreaterThan(8);
    let cursor = '0';
    const dump: string[] = [];
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string'
            ? await redis.get(key)
            : type === 'set'
              ? (await redis.smembers(key)).join(' ')
              : type === 'zset'
                ? (await redis.zrange(key, 0, -1)).join(' ')
                : '';
        dump.push(key, value ?? '');
      }
    } while (cursor !== '0');
    const text = dump.join('\n');
    expect(text).toContain('oauth-data.oauth.oauth-clientid.');
    for (const secret of issued) expect(text).not.toContain(secret);
  });
});
