import { createKey, Harness, protectedApi, startHarness } from './gateway.spec-helper';

// Tyk v5.10.2 gateway/mw_version_check.go + api_definition.go URLAllowedAndIgnored (classic replies,
// answered before authentication) and gateway/mw_mock_response.go (OAS mockResponse, after it).
const reply = (code: number, data: string, headers: Record<string, string> = {}) => ({
  action: 'reply',
  code,
  data,
  headers,
});

function oasMockApi(upstream: string): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'oas-mock', version: '1.0.0' },
    paths: { '/status': { get: { operationId: 'status', responses: { '200': { description: 'ok' } } } } },
    'x-tyk-api-gateway': {
      info: { id: 'oas-mock', name: 'oas-mock', state: { active: true } },
      upstream: { url: upstream },
      server: {
        listenPath: { value: '/oas-mock/', strip: true },
        authentication: {
          enabled: true,
          securitySchemes: { key: { enabled: true } },
        },
      },
      middleware: {
        operations: {
          status: {
            mockResponse: {
              enabled: true,
              code: 202,
              body: '{"status":"mocked"}',
              headers: [{ name: 'Content-Type', value: 'application/json' }],
            },
          },
        },
      },
    },
    components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'Authorization' } } },
    security: [{ key: [] }],
  };
}

describe('mock responses as Tyk answers them (real HTTP, real Redis)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [
      protectedApi('classic', '/classic/', upstream, {
        version_data: {
          not_versioned: true,
          versions: {
            Default: {
              name: 'Default',
              extended_paths: {
                white_list: [
                  { path: '/hello', method_actions: { GET: reply(201, '{"hi":1}', { 'X-Mock': 'yes' }) } },
                  { path: '/open', method_actions: { GET: { action: 'no_action' } } },
                ],
                black_list: [{ path: '/gone', method_actions: { GET: reply(410, 'gone for good') } }],
                ignored: [{ path: '/odd', method_actions: { GET: { action: 'something-else' } } }],
                mock_response: [{ path: '/plain', method: 'GET', body: '' }],
              },
            },
          },
        },
      }),
      oasMockApi(upstream),
    ]);
  });

  afterAll(async () => harness?.stop());

  const call = (path: string, init: RequestInit = {}) => fetch(`${harness.gateway.proxyUrl}${path}`, init);

  it('answers a reply action itself, before authentication, with its status, headers and body', async () => {
    const response = await call('/classic/hello');
    expect(response.status).toBe(201);
    expect(response.headers.get('x-mock')).toBe('yes');
    expect(await response.text()).toBe('{"hi":1}');
    expect(response.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('refuses other methods on a white-listed reply path, and answers a black-listed reply', async () => {
    expect((await call('/classic/hello', { method: 'POST' })).status).toBe(403);
    const gone = await call('/classic/gone');
    expect(gone.status).toBe(410);
    expect(await gone.text()).toBe('gone for good');
  });

  it('refuses an unknown action, applies no_action as the list says, and answers mock_response with 200', async () => {
    expect(await (await call('/classic/odd')).json()).toEqual({ error: 'Requested endpoint is forbidden' });
    expect((await call('/classic/open')).status).toBe(401);
    const plain = await call('/classic/plain');
    expect(plain.status).toBe(200);
    expect(await plain.text()).toBe('');
  });

  it('answers an OAS mockResponse after authentication, with the quota headers', async () => {
    expect((await call('/oas-mock/status')).status).toBe(401);
    const key = await createKey(harness, {
      org_id: '',
      access_rights: { 'oas-mock': { api_id: 'oas-mock', versions: [] } },
    });
    const mocked = await call('/oas-mock/status', { headers: { authorization: key } });
    expect(mocked.status).toBe(202);
    expect(mocked.headers.get('content-type')).toBe('application/json');
    expect(mocked.headers.get('x-ratelimit-limit')).toBe('0');
    expect(await mocked.json()).toEqual({ status: 'mocked' });
  });
});
