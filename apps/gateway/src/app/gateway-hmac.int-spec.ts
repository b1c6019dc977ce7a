import { createHmac } from 'node:crypto';

import { Harness, keylessApi, startHarness, TEST_SECRET } from './gateway.spec-helper';

describe('HMAC request signing (real HTTP, real Redis)', () => {
  let harness: Harness;
  let key: string;
  let secret: string;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [
      {
        ...keylessApi('signed', '/signed/', upstream),
        use_keyless: false,
        enable_signature_checking: true,
        hmac_allowed_clock_skew: 5000,
      },
      {
        ...keylessApi('sha256-only', '/sha256-only/', upstream),
        use_keyless: false,
        enable_signature_checking: true,
        hmac_allowed_algorithms: ['hmac-sha256'],
      },
    ]);
    const created = await fetch(`${harness.gateway.proxyUrl}/tyk/keys/create`, {
      method: 'POST',
      headers: { 'x-tyk-authorization': TEST_SECRET },
      body: JSON.stringify({
        org_id: 'acme',
        hmac_enabled: true,
        access_rights: {
          signed: { api_id: 'signed', versions: [] },
          'sha256-only': { api_id: 'sha256-only', versions: [] },
        },
      }),
    });
    key = ((await created.json()) as { key: string }).key;
    const session = await fetch(`${harness.gateway.proxyUrl}/tyk/keys/${encodeURIComponent(key)}`, {
      headers: { 'x-tyk-authorization': TEST_SECRET },
    });
    secret = ((await session.json()) as { hmac_string: string }).hmac_string;
  });

  afterAll(async () => harness?.stop());

  interface Signing {
    date?: string;
    secret?: string;
    algorithm?: string;
    /** The path the signature covers, when it differs from the one requested. */
    signedPath?: string;
    auxDate?: boolean;
  }

  /** Signs `(request-target) date` over the path without its query, as Tyk's clients do. */
  function signed(path: string, options: Signing = {}) {
    const date = options.date ?? new Date().toUTCString();
    const algorithm = options.algorithm ?? 'hmac-sha256';
    const digest = algorithm.replace('hmac-', '');
    const target = options.signedPath ?? path.split('?')[0];
    const dateLine = options.auxDate ? `x-aux-date: ${date}` : `date: ${date}`;
    const signature = createHmac(digest, options.secret ?? secret)
      .update(`(request-target): get ${target}\n${dateLine}`)
      .digest('base64');
    return fetch(`${harness.gateway.proxyUrl}${path}`, {
      headers: {
        [options.auxDate ? 'x-aux-date' : 'date']: date,
        authorization: `Signature keyId="${key}",algorithm="${algorithm}",headers="(request-target) date",signature="${encodeURIComponent(signature)}"`,
      },
    });
  }

  it('mints an HMAC secret for the key, as Tyk does', () => {
    expect(secret).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
  });

  it('accepts a request signed with the key secret, over the path without its query', async () => {
    expect((await signed('/signed/orders?x=1')).status).toBe(200);
    expect((await signed('/signed/orders', { algorithm: 'hmac-sha1' })).status).toBe(200);
    expect((await signed('/signed/orders', { auxDate: true })).status).toBe(200);
  });

  // Tyk v5.10.2 gateway/mw_http_signature_validation.go: every failure is one 400 (authorizationError).
  it.each([
    ['a bad signature', { secret: 'not-the-secret' }],
    ['a clock skew past hmac_allowed_clock_skew', { date: new Date(Date.now() - 60_000).toUTCString() }],
    ['a signature over another path', { signedPath: '/signed/other' }],
    ['a date in no format Tyk reads', { date: new Date().toISOString() }],
    ['an algorithm hmac_allowed_algorithms leaves out', { algorithm: 'hmac-sha1', allowList: true }],
  ])("answers %s with Tyk's 400", async (_case, options) => {
    const path = 'allowList' in options ? '/sha256-only/orders' : '/signed/orders';
    const response = await signed(path, options);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Authorization field missing, malformed or invalid' });
  });

  it("answers an unsigned request and an unknown keyId with Tyk's 400", async () => {
    for (const authorization of [undefined, 'Signature keyId="nobody",signature="abc"', 'Bearer xyz']) {
      const response = await fetch(`${harness.gateway.proxyUrl}/signed/orders`, {
        headers: authorization ? { authorization, date: new Date().toUTCString() } : {},
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'Authorization field missing, malformed or invalid' });
    }
  });
});
