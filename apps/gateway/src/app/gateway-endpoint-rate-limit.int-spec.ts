import { createKey, Harness, keylessApi, protectedApi, startHarness } from './gateway.spec-helper';

// Tyk v5.10.2 gateway/mw_api_rate_limit.go (RateLimitForAPI) and apidef/oas/operation.go (rateLimit):
// an endpoint's limit is one bucket for every caller, apart from each key's own limit, and replaces
// the API's global limit for that endpoint.
const endpointLimit = { path: '/orders/{id}', method: 'GET', rate: 2, per: 60 };

const limitedVersion = (extra: object = {}) => ({
  not_versioned: true,
  versions: { Default: { name: 'Default', extended_paths: { rate_limit: [endpointLimit] } } },
  ...extra,
});

function oasApi(upstream: string): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'oas-limited', version: '1.0.0' },
    paths: {
      '/orders/{id}': { get: { operationId: 'getOrder', responses: { '200': { description: 'ok' } } } },
    },
    'x-tyk-api-gateway': {
      info: { id: 'oas-limited', name: 'oas-limited', state: { active: true } },
      upstream: { url: upstream },
      server: { listenPath: { value: '/oas-limited/', strip: true } },
      middleware: { operations: { getOrder: { rateLimit: { enabled: true, rate: 2, per: '1m' } } } },
    },
  };
}

describe('per-endpoint rate limits (real HTTP, real Redis)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [
      protectedApi('keyed', '/keyed/', upstream, { version_data: limitedVersion() }),
      keylessApi('open', '/open/', upstream, {
        version_data: limitedVersion(),
        global_rate_limit: { rate: 100, per: 60 },
      }),
      keylessApi('switched-off', '/switched-off/', upstream, {
        version_data: limitedVersion(),
        disable_rate_limit: true,
      }),
      oasApi(upstream),
    ]);
  });

  afterAll(async () => harness?.stop());

  const get = async (path: string, key?: string) => {
    const response = await fetch(`${harness.gateway.proxyUrl}${path}`, {
      headers: key ? { authorization: key } : {},
    });
    return {
      status: response.status,
      body: await response.text(),
      retryAfter: response.headers.get('retry-after'),
    };
  };

  const refused = {
    status: 429,
    // Tyk's templates/error.json, byte for byte.
    body: '{\n    "error": "API Rate Limit Exceeded"\n}',
    retryAfter: null,
  };

  it("caps the endpoint for every key together, apart from each key's own limit", async () => {
    const rights = { access_rights: { keyed: { api_id: 'keyed', versions: [] } }, rate: 100, per: 60 };
    const alice = await createKey(harness, rights);
    const bob = await createKey(harness, rights);
    expect((await get('/keyed/orders/1', alice)).status).toBe(200);
    expect((await get('/keyed/orders/2', bob)).status).toBe(200);
    expect(await get('/keyed/orders/3', alice)).toMatchObject(refused);
    expect(await get('/keyed/orders/3', bob)).toMatchObject(refused);
    expect((await get('/keyed/invoices/1', alice)).status).toBe(200);
  });

  it('counts only the method the endpoint names, and replaces the global limit on that endpoint', async () => {
    for (let i = 0; i < 2; i++) expect((await get('/open/orders/1')).status).toBe(200);
    expect(await get('/open/orders/1')).toMatchObject(refused);
    const post = await fetch(`${harness.gateway.proxyUrl}/open/orders/1`, { method: 'POST' });
    expect(post.status).toBe(200);
  });

  it('enforces nothing under disable_rate_limit', async () => {
    for (let i = 0; i < 4; i++) expect((await get('/switched-off/orders/1')).status).toBe(200);
  });

  it('takes the OAS operation rateLimit (per as a Go duration)', async () => {
    expect((await get('/oas-limited/orders/1')).status).toBe(200);
    expect((await get('/oas-limited/orders/2')).status).toBe(200);
    expect(await get('/oas-limited/orders/3')).toMatchObject(refused);
  });
});
