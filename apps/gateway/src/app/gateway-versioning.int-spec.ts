import { Harness, keylessApi, startHarness } from './gateway.spec-helper';

// Tyk v5.10.2 gateway/mw_version_check.go and api_definition.go (getVersionFromRequest, Version,
// RequestValid, APISpec.Expired): where the version is read, how it is stripped, the default and
// fallback, the expiry checks and X-Tyk-API-Expires.
const FUTURE = '2099-12-31 23:59';
const PAST = '2000-01-01 00:00';

const versions = {
  v1: { name: 'v1' },
  v2: { name: 'v2', expires: PAST },
  v3: { name: 'v3', expires: FUTURE },
};

const versionedApi = (id: string, upstream: string, definition: object, versionData: object = {}) =>
  keylessApi(id, `/${id}/`, upstream, {
    definition,
    version_data: { not_versioned: false, default_version: '', versions, ...versionData },
  });

describe('API versioning as Tyk answers it (real HTTP, real Redis)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [
      versionedApi('by-header', upstream, {
        location: 'header',
        key: 'x-api-version',
        strip_versioning_data: true,
      }),
      versionedApi('by-param', upstream, {
        location: 'url-param',
        key: 'version',
        strip_versioning_data: true,
      }),
      versionedApi(
        'by-url',
        upstream,
        { location: 'url', strip_path: true, fallback_to_default: true },
        { default_version: 'v1' },
      ),
      versionedApi('by-url-strict', upstream, { location: 'url', strip_versioning_data: true }),
      versionedApi('nowhere', upstream, {}, { default_version: 'v1' }),
      keylessApi('expired', '/expired/', upstream, { expiration: PAST }),
      keylessApi('expiring', '/expiring/', upstream, { expiration: FUTURE }),
      keylessApi('unreadable-expiry', '/unreadable-expiry/', upstream, { expiration: 'next tuesday' }),
    ]);
  });

  afterAll(async () => harness?.stop());

  const call = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${harness.gateway.proxyUrl}${path}`, { headers });
    const body = (await response.json()) as {
      path?: string;
      headers?: Record<string, string>;
      error?: string;
    };
    return { status: response.status, headers: response.headers, body };
  };

  it('reads the version from a header and strips it before proxying', async () => {
    const served = await call('/by-header/x', { 'x-api-version': 'v1' });
    expect(served.status).toBe(200);
    expect(served.body.headers?.['x-api-version']).toBeUndefined();
  });

  it("refuses a missing, an unknown and an expired version with Tyk's words", async () => {
    expect(await call('/by-header/x')).toMatchObject({
      status: 403,
      body: { error: 'Version information not found' },
    });
    expect(await call('/by-header/x', { 'x-api-version': 'v9' })).toMatchObject({
      status: 403,
      body: { error: 'This API version does not seem to exist' },
    });
    expect(await call('/by-header/x', { 'x-api-version': 'v2' })).toMatchObject({
      status: 403,
      body: { error: 'Api Version has expired, please check documentation or contact administrator' },
    });
  });

  it('announces a version expiry in X-Tyk-API-Expires (RFC 1123, UTC)', async () => {
    const served = await call('/by-header/x', { 'x-api-version': 'v3' });
    expect(served.status).toBe(200);
    expect(served.headers.get('x-tyk-api-expires')).toBe('Thu, 31 Dec 2099 23:59:00 UTC');
    expect(
      (await call('/by-header/x', { 'x-api-version': 'v1' })).headers.get('x-tyk-api-expires'),
    ).toBeNull();
  });

  it('reads a query parameter and forwards the rest of the query re-encoded in key order', async () => {
    const served = await call('/by-param/x?z=1&version=v1&a=b%20c');
    expect(served.status).toBe(200);
    expect(served.body.path).toBe('/x?a=b+c&z=1');
  });

  it('strips a URL version segment, falling back to the default for another first segment', async () => {
    expect((await call('/by-url/v1/orders')).body.path).toBe('/orders');
    const fallback = await call('/by-url/orders');
    expect(fallback.status).toBe(200);
    expect(fallback.body.path).toBe('/orders');
  });

  it('does not fall back without fallback_to_default, and strips a segment only when one follows', async () => {
    expect(await call('/by-url-strict/orders/7')).toMatchObject({
      status: 403,
      body: { error: 'This API version does not seem to exist' },
    });
    expect((await call('/by-url-strict/v1')).body.path).toBe('/v1');
  });

  it('has no default location: a versioned API without one serves its default version', async () => {
    expect((await call('/nowhere/x', { 'x-api-version': 'v9' })).status).toBe(200);
  });

  it("refuses an unversioned API past its expiration, or with one it cannot read, in Tyk's words", async () => {
    for (const path of ['/expired/x', '/unreadable-expiry/x']) {
      expect(await call(path)).toMatchObject({
        status: 403,
        body: { error: 'API has expired, please check documentation or contact administrator' },
      });
    }
    const expiring = await call('/expiring/x');
    expect(expiring.status).toBe(200);
    expect(expiring.headers.get('x-tyk-api-expires')).toBe('Thu, 31 Dec 2099 23:59:00 UTC');
  });
});
