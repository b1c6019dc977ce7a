import { Harness, keylessApi, protectedApi, startHarness } from './gateway.spec-helper';

// Tyk v5.10.2 gateway/mw_cors.go over github.com/rs/cors v1.11.1 (cors.go handlePreflight,
// handleActualRequest) and gateway/middleware.go (options_passthrough skips every middleware).
describe('CORS as Tyk answers it (real HTTP, real Redis)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [
      keylessApi('cors', '/cors/', upstream, {
        CORS: {
          enable: true,
          allowed_origins: ['https://app.example.com', 'https://*.partner.example'],
          allowed_methods: ['GET', 'POST'],
          allowed_headers: ['Authorization', 'Content-Type'],
          exposed_headers: ['x-request-id'],
          allow_credentials: true,
          max_age: 600,
        },
      }),
      keylessApi('cors-defaults', '/cors-defaults/', upstream, { CORS: { enable: true } }),
      protectedApi('passthrough', '/passthrough/', upstream, {
        CORS: { enable: false, options_passthrough: true },
      }),
    ]);
  });

  afterAll(async () => harness?.stop());

  const call = (path: string, method: string, headers: Record<string, string>) =>
    fetch(`${harness.gateway.proxyUrl}${path}`, { method, headers });

  const preflight = (path: string, origin: string, method = 'POST', requestHeaders?: string) =>
    call(path, 'OPTIONS', {
      origin,
      'access-control-request-method': method,
      ...(requestHeaders ? { 'access-control-request-headers': requestHeaders } : {}),
    });

  it('answers an allowed preflight with an empty 204 echoing the method and headers asked for', async () => {
    const response = await preflight(
      '/cors/x',
      'https://app.example.com',
      'POST',
      'content-type, authorization',
    );
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('content-type')).toBeNull();
    expect(
      Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control'))),
    ).toEqual({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '600',
    });
    expect(response.headers.get('vary')).toBe(
      'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    );
  });

  it.each([
    ['an origin not allowed', 'https://evil.example', 'POST', undefined],
    ['a method not allowed', 'https://app.example.com', 'DELETE', undefined],
    ['a header not allowed', 'https://app.example.com', 'POST', 'x-secret'],
  ])(
    'answers a preflight with %s with a bare 204 that allows nothing',
    async (_case, origin, method, headers) => {
      const response = await preflight('/cors/x', origin, method, headers);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('vary')).toBe(
        'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      );
    },
  );

  it('matches a wildcard origin case-insensitively and adds the headers to allowed methods only', async () => {
    const allowed = await call('/cors/x', 'GET', { origin: 'https://API.partner.example' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://API.partner.example');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('X-Request-Id');
    const put = await call('/cors/x', 'PUT', { origin: 'https://app.example.com' });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBeNull();
    expect(put.headers.get('vary')).toBe('Origin');
  });

  it('answers a plain OPTIONS itself with an empty 200', async () => {
    const response = await call('/cors/x', 'OPTIONS', { origin: 'https://app.example.com' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it("allows every origin with '*' by default, even with credentials off", async () => {
    const response = await preflight('/cors-defaults/x', 'https://anyone.example', 'GET');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('sends every OPTIONS request of an options_passthrough API upstream, skipping authentication', async () => {
    const response = await preflight('/passthrough/x', 'https://app.example.com');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { method: string }).method).toBe('OPTIONS');
    expect((await call('/passthrough/x', 'GET', {})).status).toBe(401);
  });
});
