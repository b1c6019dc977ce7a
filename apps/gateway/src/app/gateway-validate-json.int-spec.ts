import { Agent, request as httpRequest } from 'node:http';

import { Harness, keylessApi, startHarness } from './gateway.spec-helper';

// Tyk v5.10.2 gateway/mw_validate_json.go over gojsonschema (draft-04): 400 for a body that is not
// JSON, error_response_code (422) with gojsonschema's messages for one that breaks the schema.
const person = {
  type: 'object',
  required: ['firstName', 'lastName'],
  properties: {
    age: { type: 'integer', minimum: 0 },
    nick: { type: 'string', pattern: '^[a-z]+$' },
    tier: { enum: ['a', 'b'] },
  },
};

const validated = (extra: object = {}) => ({
  not_versioned: true,
  versions: {
    Default: {
      name: 'Default',
      extended_paths: {
        validate_json: [{ path: '/people', method: 'POST', schema: person, ...extra }],
      },
    },
  },
});

function oasValidated(upstream: string): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'oas-checked', version: '1.0.0' },
    components: { schemas: { Person: person } },
    paths: {
      '/people/{id}': {
        get: {
          operationId: 'getPerson',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: { '200': { description: 'ok' } },
        },
      },
      '/people': {
        get: {
          operationId: 'listPeople',
          parameters: [
            { name: 'limit', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } },
            { name: 'X-Trace', in: 'header', schema: { type: 'string', pattern: '^[a-f0-9]+$' } },
          ],
          responses: { '200': { description: 'ok' } },
        },
        post: {
          operationId: 'addPerson',
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Person' } } },
          },
          responses: { '200': { description: 'ok' } },
        },
      },
    },
    'x-tyk-api-gateway': {
      info: { id: 'oas-checked', name: 'oas-checked', state: { active: true } },
      upstream: { url: upstream },
      server: { listenPath: { value: '/oas-checked/', strip: true } },
      middleware: {
        operations: {
          addPerson: { validateRequest: { enabled: true, errorResponseCode: 400 } },
          listPeople: { validateRequest: { enabled: true } },
          getPerson: { validateRequest: { enabled: true } },
        },
      },
    },
  };
}

describe('validate_json as Tyk answers it (real HTTP, real Redis)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [
      oasValidated(upstream),
      keylessApi('checked', '/checked/', upstream, { version_data: validated() }),
      keylessApi('checked-400', '/checked-400/', upstream, {
        version_data: validated({ error_response_code: 400 }),
      }),
    ]);
  });

  afterAll(async () => harness?.stop());

  const post = async (path: string, body: string) => {
    const response = await fetch(`${harness.gateway.proxyUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('passes a valid body on to the upstream unchanged', async () => {
    const body = JSON.stringify({ firstName: 'Ada', lastName: 'Lovelace', age: 36 });
    const answer = await post('/checked/people', body);
    expect(answer.status).toBe(200);
    expect(answer.body['path']).toBe('/people');
  });

  it("refuses a body breaking the schema with 422 and gojsonschema's messages", async () => {
    expect(await post('/checked/people', JSON.stringify({ age: -1, nick: 'AB', tier: 'c' }))).toEqual({
      status: 422,
      body: {
        error:
          '(root): firstName is required; (root): lastName is required; age: Must be greater than or equal to 0; nick: Does not match pattern \'^[a-z]+$\'; tier: tier must be one of the following: "a", "b"',
      },
    });
    expect(await post('/checked/people', '[]')).toEqual({
      status: 422,
      body: { error: '(root): Invalid type. Expected: object, given: array' },
    });
  });

  it('answers with error_response_code when set, and 400 for a body that is not JSON', async () => {
    expect((await post('/checked-400/people', '{}')).status).toBe(400);
    expect(await post('/checked/people', '')).toEqual({
      status: 400,
      body: { error: 'JSON parsing error: EOF' },
    });
    const broken = await post('/checked/people', '{"firstName": nul');
    expect(broken.status).toBe(400);
    expect(String(broken.body['error'])).toMatch(/^JSON parsing error: /);
  });

  it('refuses a body too large to read whole, and its unread rest never holds up the connection (attack: volume)', async () => {
    // One kept-alive connection for both requests, as a client's pool would reuse it.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (body: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = httpRequest(
          `${harness.gateway.proxyUrl}/checked/people`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' }, timeout: 5000 },
          (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
          },
        );
        request.on('timeout', () => request.destroy(new Error('the connection is stuck')));
        request.on('error', reject);
        request.end(body);
      });
    try {
      const huge = await send(JSON.stringify({ firstName: 'x'.repeat(3 * 1024 * 1024), lastName: 'y' }));
      expect(huge.status).toBe(400);
      expect(JSON.parse(huge.body)).toEqual({ error: 'Request is too large' });
      expect((await send(JSON.stringify({ firstName: 'A', lastName: 'B' }))).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('checks only the method the entry names', async () => {
    const put = await fetch(`${harness.gateway.proxyUrl}/checked/people`, {
      method: 'PUT',
      body: 'not json',
    });
    expect(put.status).toBe(200);
  });

  it('refuses at load a schema that is not an object, naming the version', async () => {
    const response = await fetch(`${harness.gateway.proxyUrl}/tyk/apis`, {
      method: 'POST',
      headers: { 'x-tyk-authorization': 'test-secret' },
      body: JSON.stringify(
        keylessApi('bad-schema', '/bad-schema/', harness.upstreamUrl, {
          version_data: validated({ schema: 'nope' }),
        }),
      ),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ fields: ['version_data.versions.Default'] });
  });

  it("validates an OAS operation's JSON body against its (referenced) schema in kin-openapi's words (mw_oas_validate_request.go)", async () => {
    expect(await post('/oas-checked/people', JSON.stringify({ firstName: 'Ada' }))).toEqual({
      status: 400,
      body: {
        error:
          'request validation error: request body has an error: doesn\'t match schema #/components/schemas/Person: Error at "/lastName": property "lastName" is missing',
      },
    });
    expect(
      await post('/oas-checked/people', JSON.stringify({ firstName: 'Ada', lastName: 'L', age: -2 })),
    ).toEqual({
      status: 400,
      body: {
        error:
          'request validation error: request body has an error: doesn\'t match schema #/components/schemas/Person: Error at "/age": number must be at least 0',
      },
    });
    expect(await post('/oas-checked/people', '')).toEqual({
      status: 400,
      body: { error: 'request validation error: request body has an error: value is required but missing' },
    });
    expect(
      (await post('/oas-checked/people', JSON.stringify({ firstName: 'Ada', lastName: 'L' }))).status,
    ).toBe(200);
  });

  it("checks an OAS operation's query, header and path parameters first, in kin-openapi's words", async () => {
    const list = async (query: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${harness.gateway.proxyUrl}/oas-checked/people${query}`, { headers });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const prefix = 'request validation error: parameter ';
    expect(await list('')).toEqual({
      status: 422,
      body: { error: `${prefix}"limit" in query has an error: value is required but missing` },
    });
    expect(await list('?limit=abc')).toEqual({
      status: 422,
      body: {
        error: `${prefix}"limit" in query has an error: value abc: an invalid integer: invalid syntax`,
      },
    });
    expect(await list('?limit=0')).toEqual({
      status: 422,
      body: { error: `${prefix}"limit" in query has an error: number must be at least 1` },
    });
    expect((await list('?limit=2', { 'x-trace': 'XYZ' })).body).toEqual({
      error: `${prefix}"X-Trace" in header has an error: string doesn't match the regular expression "^[a-f0-9]+$"`,
    });
    expect((await list('?limit=2', { 'x-trace': 'abc123' })).status).toBe(200);
    const person = await fetch(`${harness.gateway.proxyUrl}/oas-checked/people/abc`);
    expect(await person.json()).toEqual({
      error: `${prefix}"id" in path has an error: value abc: an invalid integer: invalid syntax`,
    });
    expect((await fetch(`${harness.gateway.proxyUrl}/oas-checked/people/42`)).status).toBe(200);
  });
});
