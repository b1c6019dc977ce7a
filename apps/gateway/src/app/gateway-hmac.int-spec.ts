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
    ]);
    const created = await fetch(`${harness.gateway.proxyUrl}/tyk/keys/create`, {
      method: 'POST',
      headers: { 'x-tyk-authorization': TEST_SECRET },
      body: JSON.stringify({
        org_id: 'acme',
        hmac_enabled: true,
        access_rights: { signed: { api_id: 'signed', versions: [] } },
      }),
    });
    key = ((await created.json()) as { key: string }).key;
    const session = await fetch(`${harness.gateway.proxyUrl}/tyk/keys/${encodeURIComponent(key)}`, {
      headers: { 'x-tyk-authorization': TEST_SECRET },
    });
    secret = ((await session.json()) as { hmac_string: string }).hmac_string;
  });

  afterAll(async () => harness?.stop());

  function signed(path: string, options: { date?: string; secret?: string; algorithm?: string } = {}) {
    const date = options.date ?? new Date().toUTCString();
    const algorithm = options.algorithm ?? 'hmac-sha256';
    const digest = algorithm.replace('hmac-', '');
    const signature = createHmac(digest, options.secret ?? secret)
      .update(`(request-target): get ${path}\ndate: ${date}`)
      .digest('base64');
    return fetch(`${harness.gateway.proxyUrl}${path}`, {
      headers: {
        date,
        authorization: `Signature keyId="${key}",algorithm="${algorithm}",headers="(request-target) date",signature="${encodeURIComponent(signature)}"`,
      },
    });
  }

  it('mints an HMAC secret for the key, as Tyk does', () => {
    expect(secret).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
  });

  it('accepts a request signed with the key secret', async () => {
    expect((await signed('/signed/orders?x=1')).status).toBe(200);
    expect((await signed('/signed/orders', { algorithm: 'hmac-sha1' })).status).toBe(200);
  });

  it('refuses a wrong signature, a stale date and a missing header', async () => {
    const wrong = await signed('/signed/orders', { secret: 'not-the-secret' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: 'Request signature is invalid' });
    expect(
      (await signed('/signed/orders', { date: new Date(Date.now() - 60_000).toUTCString() })).status,
    ).toBe(400);
    expect((await fetch(`${harness.gateway.proxyUrl}/signed/orders`)).status).toBe(401);
  });
});
