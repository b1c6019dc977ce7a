import { waitFor } from '@gatehouse/shared-testing';

import { Harness, startHarness, TEST_SECRET } from './gateway.spec-helper';
import { basic, oauthApi, POLICIES } from './oauth.spec-helper';

describe('OAuth 2.0 token expiry (real HTTP, real Redis)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [oauthApi(upstream)], { oauth_token_expire: 1 }, POLICIES);
  });

  afterAll(() => harness?.stop());

  it("refuses an expired token with Tyk's 401, its lifetime being oauth_token_expire", async () => {
    const base = harness.gateway.proxyUrl;
    const created = await fetch(`${base}/tyk/oauth/clients/create`, {
      method: 'POST',
      headers: { 'x-tyk-authorization': TEST_SECRET },
      body: JSON.stringify({ api_id: 'oauth', redirect_uri: 'https://x/cb', policy_id: 'roomy' }),
    });
    const { client_id: id, secret } = (await created.json()) as { client_id: string; secret: string };
    const answer = await fetch(`${base}/oauth-api/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(id, secret) },
      body: 'grant_type=client_credentials',
    });
    const issued = (await answer.json()) as { access_token: string; expires_in: number };
    expect(issued.expires_in).toBe(1);
    const call = () =>
      fetch(`${base}/oauth-api/x`, { headers: { authorization: `Bearer ${issued.access_token}` } });
    expect((await call()).status).toBe(200);
    const expired = await waitFor(async () => ((await call()).status === 401 ? call() : undefined), {
      description: 'the token to expire',
    });
    expect(await expired.json()).toEqual({ error: 'Key has expired, please renew' });
  });
});
