import { Agent, fetch } from 'undici';

import { Harness, keylessApi, startHarness, TEST_SECRET } from './gateway.spec-helper';

/** `{"a":{"a":…}}` nested `depth` deep. */
function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

describe('Gateway API under abuse: guessed secrets, deeply nested bodies (real HTTP, real Redis)', () => {
  let harness: Harness;
  // Loopback has all of 127.0.0.0/8: each agent connects from its own source address.
  const attacker = new Agent({ localAddress: '127.0.0.2' });
  const operator = new Agent({ localAddress: '127.0.0.3' });

  beforeAll(async () => {
    harness = await startHarness((upstream) => [keylessApi('stable', '/stable/', upstream)]);
  });

  afterAll(async () => {
    await harness?.stop();
    await Promise.all([attacker.close(), operator.close()]);
  });

  async function call(
    from: Agent,
    path: string,
    secret: string,
    init: { method?: string; body?: string } = {},
  ) {
    const response = await fetch(`${harness.gateway.proxyUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'x-tyk-authorization': secret, 'content-type': 'application/json' },
      body: init.body,
      dispatcher: from,
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as { status?: string; message?: string },
    };
  }

  it('answers 429 in Tyk envelope to an address that keeps guessing the secret; the operator elsewhere is unaffected', async () => {
    const answers = await Promise.all(
      // Across controllers: the count is one per gateway process, not one per route.
      Array.from({ length: 30 }, (_, index) =>
        call(attacker, ['/tyk/apis', '/tyk/keys', '/tyk/reload'][index % 3], `guess-${index}`),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 403)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    const refused = answers.find((answer) => answer.status === 429);
    expect(refused?.body).toEqual({ status: 'error', message: 'Too many failed attempts; try again later' });
    // Until the address's 15-minute window ends.
    expect(Number(refused?.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused?.retryAfter)).toBeLessThanOrEqual(900);
    expect((await call(attacker, '/tyk/apis', TEST_SECRET)).status).toBe(429);
    expect((await call(operator, '/tyk/apis', TEST_SECRET)).status).toBe(200);
  });

  it('refuses a body nested 5,000 deep with 400 (not 500), counting no brackets inside strings', async () => {
    const definition = JSON.stringify(keylessApi('deep', '/deep/', harness.upstreamUrl));
    for (const [path, body] of [
      ['/tyk/apis', `${definition.slice(0, -1)},"extra":${nested(5000)}}`],
      ['/tyk/keys/create', `{"org_id":"acme","access_rights":{},"meta_data":${nested(5000)}}`],
    ]) {
      const deep = await call(operator, path, TEST_SECRET, { method: 'POST', body });
      expect(deep).toMatchObject({
        status: 400,
        body: { status: 'error', message: expect.stringContaining('nested') },
      });
    }
    const brackets = await call(operator, '/tyk/apis', TEST_SECRET, {
      method: 'POST',
      body: JSON.stringify({
        ...keylessApi('brackets', '/brackets/', harness.upstreamUrl),
        name: `${'{['.repeat(5000)} \\" [`,
      }),
    });
    expect(brackets.status).toBe(200);
    expect((await fetch(`${harness.gateway.proxyUrl}/stable/after`)).status).toBe(200);
  });
});
