import { repoRoot } from '@gatehouse/shared-testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createKey, Harness, startHarness, TEST_SECRET } from './gateway.spec-helper';

/** Tyk's OAS example, its upstream pointed at the test's server. */
function petstore(upstream: string): Record<string, unknown> {
  const text = readFileSync(join(repoRoot(), 'docs', 'examples', 'tyk-oas', 'petstore.json'), 'utf8');
  return JSON.parse(text.replace('http://127.0.0.1:9000/', `${upstream}/`));
}

describe('Tyk OAS definitions (real HTTP, real Redis)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [petstore(upstream)]);
  });

  afterAll(async () => harness?.stop());

  const call = (path: string, init: RequestInit = {}) => fetch(`${harness.gateway.proxyUrl}${path}`, init);

  it('serves the API with its authentication, operation middleware and response headers', async () => {
    expect((await call('/petstore/pets')).status).toBe(401);
    const key = await createKey(harness, {
      org_id: '1',
      access_rights: { petstore: { api_id: 'petstore', versions: [] } },
    });
    const pets = await call('/petstore/pets', { headers: { authorization: key } });
    expect(pets.status).toBe(200);
    expect(pets.headers.get('x-served-by')).toBe('gatehouse');
    expect(
      (await call('/petstore/pets/7', { method: 'DELETE', headers: { authorization: key } })).status,
    ).toBe(403);
    expect((await call('/petstore/status')).status).toBe(200);
  });

  it('takes Tyk OAS documents through the Gateway API, keyed by their x-tyk-api-gateway id', async () => {
    const document = petstore(harness.upstreamUrl) as {
      'x-tyk-api-gateway': { info: { id: string }; server: { listenPath: { value: string } } };
    };
    document['x-tyk-api-gateway'].info.id = 'petstore-copy';
    document['x-tyk-api-gateway'].server.listenPath.value = '/petstore-copy/';
    const created = await call('/tyk/apis', {
      method: 'POST',
      headers: { 'x-tyk-authorization': TEST_SECRET },
      body: JSON.stringify(document),
    });
    expect(await created.json()).toEqual({ key: 'petstore-copy', status: 'ok', action: 'added' });
    const fetched = await call('/tyk/apis/petstore-copy', {
      headers: { 'x-tyk-authorization': TEST_SECRET },
    });
    expect(((await fetched.json()) as { openapi: string }).openapi).toBe('3.0.3');
    expect((await call('/petstore-copy/status')).status).toBe(200);
  });

  it('takes a stream API through the Gateway API and refuses a broken stream with 400 naming the field', async () => {
    const text = readFileSync(join(repoRoot(), 'docs', 'examples', 'tyk-oas', 'order-events.json'), 'utf8');
    const stream = JSON.parse(text);
    const post = (body: unknown) =>
      call('/tyk/apis', {
        method: 'POST',
        headers: { 'x-tyk-authorization': TEST_SECRET },
        body: JSON.stringify(body),
      });
    expect(await (await post(stream)).json()).toEqual({ key: 'order-events', status: 'ok', action: 'added' });
    const broken = structuredClone(stream);
    broken['x-tyk-api-gateway'].info.id = 'order-events-broken';
    broken['x-tyk-api-gateway'].server.listenPath.value = '/order-events-broken/';
    broken['x-tyk-streaming'].streams.orders.output = { stdout: {} };
    const refused = await post(broken);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain(
      "x-tyk-streaming.streams.orders.output.stdout: the stdout output is not allowed: it reaches the gateway's host",
    );
    const listed = await call('/tyk/apis/order-events-broken', {
      headers: { 'x-tyk-authorization': TEST_SECRET },
    });
    expect(listed.status).toBe(404);
  });
});
