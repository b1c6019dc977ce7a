import { constants, createHmac, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Harness, keylessApi, startHarness } from './gateway.spec-helper';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function hs256(payload: object, secret: string): string {
  const input = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

function asymmetric(alg: 'RS256' | 'PS256' | 'ES256', key: KeyObject, payload: object, kid?: string): string {
  const input = `${base64url({ alg, typ: 'JWT', ...(kid ? { kid } : {}) })}.${base64url(payload)}`;
  const options =
    alg === 'ES256'
      ? { key, dsaEncoding: 'ieee-p1363' as const }
      : alg === 'PS256'
        ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
        : key;
  const signature = sign('sha256', Buffer.from(input), options);
  return `${input}.${signature.toString('base64url')}`;
}

describe('JWT authentication (real HTTP, real JWKS server, real Redis)', () => {
  const secret = 'a-shared-secret-of-decent-length';
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let jwks: Server;
  let jwksRequests = 0;
  let harness: Harness;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    jwks = createServer((_req, res) => {
      jwksRequests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ keys: [{ ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1', use: 'sig' }] }),
      );
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    const jwtApi =
      (id: string, method: string, source: string, extra: Record<string, unknown> = {}) =>
      (upstream: string) => ({
        ...keylessApi(id, `/${id}/`, upstream),
        use_keyless: false,
        enable_jwt: true,
        jwt_signing_method: method,
        jwt_source: source,
        jwt_identity_base_field: 'sub',
        jwt_policy_field_name: 'pol',
        ...extra,
      });
    harness = await startHarness(
      (upstream) => [
        jwtApi('hs', 'hmac', Buffer.from(secret).toString('base64'))(upstream),
        jwtApi(
          'rs',
          'rsa',
          Buffer.from(rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string).toString('base64'),
        )(upstream),
        jwtApi('es', 'ecdsa', Buffer.from(jwksUrl).toString('base64'), {
          jwt_default_policies: ['jwt-basic'],
        })(upstream),
      ],
      {},
      [
        {
          id: 'jwt-basic',
          org_id: 'acme',
          rate: 100,
          per: 1,
          access_rights: { hs: { api_id: 'hs' }, rs: { api_id: 'rs' }, es: { api_id: 'es' } },
        },
        { id: 'jwt-tiny', org_id: 'acme', rate: 1, per: 60, access_rights: { hs: { api_id: 'hs' } } },
      ],
    );
  });

  afterAll(async () => {
    await harness?.stop();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const call = (api: string, token?: string) =>
    fetch(`${harness.gateway.proxyUrl}/${api}/x`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('accepts an HS256 token signed with the shared secret and naming a policy', async () => {
    expect(
      (await call('hs', hs256({ sub: 'alice', pol: 'jwt-basic', exp: now() + 60 }, secret))).status,
    ).toBe(200);
  });

  const answer = async (response: Response) => ({ status: response.status, body: await response.json() });

  // Tyk v5.10.2 gateway/mw_jwt.go (ProcessRequest, validateClaims, getUserIDFromClaim, getBasePolicyID).
  it("refuses forged, unsigned, malformed and missing tokens with Tyk's answers", async () => {
    expect(await answer(await call('hs', hs256({ sub: 'alice', pol: 'jwt-basic' }, 'wrong-secret')))).toEqual(
      {
        status: 403,
        body: { error: 'Key not authorized' },
      },
    );
    const unsigned = `${base64url({ alg: 'none' })}.${base64url({ sub: 'alice', pol: 'jwt-basic' })}.`;
    expect(await answer(await call('hs', unsigned))).toEqual({
      status: 403,
      body: { error: 'Key not authorized: Unexpected signing method' },
    });
    expect(await answer(await call('hs', 'not.a.jwt'))).toEqual({
      status: 403,
      body: { error: 'Key not authorized' },
    });
    expect(await answer(await call('hs'))).toEqual({
      status: 400,
      body: { error: 'Authorization field missing' },
    });
  });

  it.each([
    ['expired', { exp: now() - 60 }, 401, 'Key not authorized: token has expired'],
    ['not valid yet', { nbf: now() + 600 }, 401, 'Key not authorized: token is not valid yet'],
    ['issued in the future', { iat: now() + 600 }, 401, 'Key not authorized: token used before issued'],
    ['without an identity', { sub: undefined }, 403, 'no suitable claims for user ID were found'],
    // The API names `sub` as jwt_identity_base_field, so Tyk words it as a predefined claim.
    [
      'with an empty subject',
      { sub: '' },
      403,
      'found an empty user ID in predefined base claim, claim: sub',
    ],
    ['naming no policy', { pol: undefined }, 403, 'key not authorized: no matching policy found'],
    ['naming an unknown policy', { pol: 'no-such-policy' }, 403, 'key not authorized: no matching policy'],
  ])('answers a token %s as Tyk does', async (_case, claims, status, error) => {
    const token = hs256({ sub: 'alice', pol: 'jwt-basic', ...claims }, secret);
    expect(await answer(await call('hs', token))).toEqual({ status, body: { error } });
  });

  it('verifies RS256 and PS256 against a PEM key and refuses an HS256 token there (no algorithm switch)', async () => {
    expect(
      (await call('rs', asymmetric('RS256', rsa.privateKey, { sub: 'bob', pol: 'jwt-basic' }))).status,
    ).toBe(200);
    expect(
      (await call('rs', asymmetric('PS256', rsa.privateKey, { sub: 'bob', pol: 'jwt-basic' }))).status,
    ).toBe(200);
    expect(await answer(await call('rs', hs256({ sub: 'bob', pol: 'jwt-basic' }, secret)))).toEqual({
      status: 403,
      body: { error: 'Key not authorized: Unexpected signing method' },
    });
  });

  it('verifies ES256 against keys fetched from JWKS, cached, with default policies', async () => {
    const token = asymmetric('ES256', ec.privateKey, { sub: 'carol' }, 'ec-1');
    expect((await call('es', token)).status).toBe(200);
    expect((await call('es', asymmetric('ES256', ec.privateKey, { sub: 'dave' }, 'ec-1'))).status).toBe(200);
    expect(jwksRequests).toBe(1);
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect((await call('es', asymmetric('ES256', otherKey, { sub: 'eve' }, 'ec-1'))).status).toBe(403);
  });

  it("rate-limits per identity, from the token's policy", async () => {
    const token = hs256({ sub: 'frank', pol: 'jwt-tiny' }, secret);
    expect((await call('hs', token)).status).toBe(200);
    expect((await call('hs', token)).status).toBe(429);
    expect((await call('hs', hs256({ sub: 'grace', pol: 'jwt-tiny' }, secret))).status).toBe(200);
  });
});
