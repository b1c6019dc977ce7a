import fc from 'fast-check';

import { Harness, keylessApi, startHarness, TEST_SECRET } from './gateway.spec-helper';

interface Route {
  method: 'POST' | 'PUT' | 'GET' | 'DELETE';
  path: string;
}

const ROUTES: Route[] = [
  { method: 'POST', path: '/tyk/apis' },
  { method: 'PUT', path: '/tyk/apis/stable' },
  { method: 'POST', path: '/tyk/policies' },
  { method: 'PUT', path: '/tyk/policies/some-policy' },
  { method: 'POST', path: '/tyk/keys/create' },
  { method: 'POST', path: '/tyk/keys' },
  { method: 'POST', path: '/tyk/keys/custom-name' },
  { method: 'PUT', path: '/tyk/keys/some-key?hashed=1' },
  { method: 'GET', path: '/tyk/keys/%E0%A4%A?hashed=true' },
  { method: 'DELETE', path: '/tyk/keys/..%2F..%2Fetc' },
];

/** Bodies of every kind: broken JSON, JSON of the wrong shape, fields of the wrong types. */
const bodies = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        api_id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        proxy: fc.oneof(
          fc.constant({}),
          fc.record({ listen_path: fc.oneof(fc.integer(), fc.string()), target_url: fc.string() }),
        ),
        rate: fc.oneof(fc.string(), fc.double()),
        access_rights: fc.oneof(
          fc.string(),
          fc.array(fc.integer()),
          fc.dictionary(fc.string(), fc.jsonValue()),
        ),
        apply_policies: fc.oneof(fc.string(), fc.array(fc.oneof(fc.string(), fc.integer()))),
        expires: fc.oneof(fc.string(), fc.boolean()),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);

describe('Gateway API with malformed input (real HTTP, real Redis)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [keylessApi('stable', '/stable/', upstream)], {
      control_body_limit: 64 * 1024,
    });
  });

  afterAll(async () => harness?.stop());

  async function send(route: Route, body?: string) {
    const response = await fetch(`${harness.gateway.proxyUrl}${route.path}`, {
      method: route.method,
      headers: { 'x-tyk-authorization': TEST_SECRET, 'content-type': 'application/json' },
      body: route.method === 'GET' || route.method === 'DELETE' ? undefined : body,
    });
    return {
      status: response.status,
      body: (await response.json()) as { status?: string; message?: string },
    };
  }

  it('answers every malformed body with a 4xx and a message, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), bodies, async (route, body) => {
        const answer = await send(route, body);
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(answer.body.status).toBe('error');
          expect(answer.body.message).toEqual(expect.any(String));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('names the field that has the wrong type', async () => {
    const answer = await send(
      { method: 'POST', path: '/tyk/keys/create' },
      JSON.stringify({ rate: 'fast', access_rights: {} }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: 'error', fields: ['rate'] });
  });

  it('refuses a body over the limit with 413', async () => {
    const answer = await send(
      { method: 'POST', path: '/tyk/apis' },
      JSON.stringify({ api_id: 'x', padding: 'x'.repeat(100_000) }),
    );
    expect(answer.status).toBe(413);
    expect(answer.body.status).toBe('error');
  });

  it('keeps serving traffic afterwards', async () => {
    expect((await fetch(`${harness.gateway.proxyUrl}/stable/after`)).status).toBe(200);
  });
});
