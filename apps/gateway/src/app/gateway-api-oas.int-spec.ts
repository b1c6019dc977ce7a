import { repoRoot } from '@gatehouse/shared-testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Harness, keylessApi, startHarness, TEST_SECRET } from './gateway.spec-helper';

const ADMIN = { 'x-tyk-authorization': TEST_SECRET };
const X_TYK = 'x-tyk-api-gateway';

type OasDocument = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, unknown>;
  [X_TYK]: {
    info: { id: string; name: string };
    server: { listenPath: { value: string }; authentication?: { enabled: boolean } };
  };
};

/** Tyk's OAS example as `id`, keyless, on `listenPath`, its upstream the test's server. */
function petstore(upstream: string, id = 'petstore', listenPath = `/${id}/`): OasDocument {
  const text = readFileSync(join(repoRoot(), 'docs', 'examples', 'tyk-oas', 'petstore.json'), 'utf8');
  const document = JSON.parse(text.replace('http://127.0.0.1:9000/', `${upstream}/`)) as OasDocument;
  document[X_TYK].info.id = id;
  document[X_TYK].server.listenPath.value = listenPath;
  document[X_TYK].server.authentication = { enabled: false };
  return document;
}

/** The document as Tyk's public export gives it. */
function withoutExtension(document: OasDocument): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...document };
  delete copy[X_TYK];
  return copy;
}

const MISMATCH = 'Request APIID does not match that in Definition! For Update operations these must match.';
const error = (message: string, fields?: string[]) => ({
  status: 'error',
  message,
  ...(fields ? { fields } : {}),
});

describe('Gateway API /tyk/apis/oas as Tyk 5.10.2 answers it (real HTTP, real Redis)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [
      petstore(upstream),
      keylessApi('classic', '/classic/', upstream),
    ]);
  });

  afterAll(async () => harness?.stop());

  const fetchPath = (path: string, init: RequestInit = {}) =>
    fetch(`${harness.gateway.proxyUrl}${path}`, init);

  async function admin(method: string, path: string, body?: unknown) {
    const response = await fetchPath(path, {
      method,
      headers: ADMIN,
      body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  const served = async (path: string) => (await fetchPath(path)).status;

  it('lists the Tyk OAS APIs only and reads one, refusing a classic API and an unknown id', async () => {
    const stored = petstore(harness.upstreamUrl);
    expect(await admin('GET', '/tyk/apis/oas')).toEqual({ status: 200, body: [stored] });
    // Tyk ignores mode=public outside the export routes.
    expect(await admin('GET', '/tyk/apis/oas/petstore?mode=public')).toEqual({ status: 200, body: stored });
    expect(await admin('GET', '/tyk/apis/oas/nope')).toEqual({ status: 404, body: error('API not found') });
    expect(await admin('GET', '/tyk/apis/oas/classic')).toEqual({
      status: 400,
      body: error('the requested API definition is in Tyk classic format, please use old api endpoint'),
    });
    expect((await fetchPath('/tyk/apis/oas')).status).toBe(403);
  });

  it('creates an API that serves at once, and generates the id when the document has none', async () => {
    expect(await admin('POST', '/tyk/apis/oas', petstore(harness.upstreamUrl, 'created'))).toEqual({
      status: 200,
      body: { key: 'created', status: 'ok', action: 'added' },
    });
    expect(await served('/created/status')).toBe(200);

    const unnamed = petstore(harness.upstreamUrl, '', '/unnamed/');
    const added = await admin('POST', '/tyk/apis/oas', unnamed);
    const id = (added.body as { key: string }).key;
    expect(added).toEqual({ status: 200, body: { key: id, status: 'ok', action: 'added' } });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const stored = (await admin('GET', `/tyk/apis/oas/${id}`)).body as OasDocument;
    expect(stored[X_TYK].info.id).toBe(id);
    expect(await served('/unnamed/status')).toBe(200);
  });

  it('refuses a create without the Tyk extension, a non-object body and an invalid definition', async () => {
    const plain = withoutExtension(petstore(harness.upstreamUrl, 'plain'));
    expect(await admin('POST', '/tyk/apis/oas', plain)).toEqual({
      status: 400,
      body: error('the payload should contain x-tyk-api-gateway', [X_TYK]),
    });
    expect(await admin('POST', '/tyk/apis/oas', [1])).toEqual({
      status: 400,
      body: error('request malformed'),
    });
    const broken = petstore(harness.upstreamUrl, 'broken');
    (broken[X_TYK].server as Record<string, unknown>)['ipAccessControl'] = {
      enabled: true,
      allow: ['notanip'],
    };
    const refused = await admin('POST', '/tyk/apis/oas', broken);
    expect(refused.status).toBe(400);
    expect((refused.body as { message: string }).message).toMatch(
      /^Validation of API Definition failed\. Reason: .*notanip/,
    );
    expect((await admin('GET', '/tyk/apis/oas/broken')).status).toBe(404);
  });

  it('updates with PUT, applied at once, insisting on the id and on a Tyk OAS body and API', async () => {
    const moved = petstore(harness.upstreamUrl, 'created', '/moved/');
    expect(await admin('PUT', '/tyk/apis/oas/created', moved)).toEqual({
      status: 200,
      body: { key: 'created', status: 'ok', action: 'modified' },
    });
    expect(await served('/moved/status')).toBe(200);
    expect(await served('/created/status')).toBe(404);

    expect(await admin('PUT', '/tyk/apis/oas/nope', petstore(harness.upstreamUrl, 'nope'))).toEqual({
      status: 404,
      body: error('API not found'),
    });
    expect(await admin('PUT', '/tyk/apis/oas/created', petstore(harness.upstreamUrl, 'other'))).toEqual({
      status: 400,
      body: error(MISMATCH, [`${X_TYK}.info.id`]),
    });
    expect(await admin('PUT', '/tyk/apis/oas/created', petstore(harness.upstreamUrl, ''))).toEqual({
      status: 400,
      body: error(MISMATCH, [`${X_TYK}.info.id`]),
    });
    const classic = (await admin('GET', '/tyk/apis/classic')).body;
    expect(await admin('PUT', '/tyk/apis/oas/created', classic)).toEqual({
      status: 400,
      body: error('the payload should contain x-tyk-api-gateway', [X_TYK]),
    });
    expect(await admin('PUT', '/tyk/apis/oas/classic', petstore(harness.upstreamUrl, 'classic'))).toEqual({
      status: 400,
      body: error(
        'the supplied API definition is in OAS format, please use the Tyk classic format for this API',
      ),
    });
    expect(await served('/classic/x')).toBe(200);
  });

  it('patches the OpenAPI part around the stored extension, or acts as PUT when given one', async () => {
    const { [X_TYK]: extension, ...openApi } = petstore(harness.upstreamUrl, 'created', '/moved/');
    const renamed = { ...openApi, info: { title: 'Renamed', version: '2.0.0' } };
    expect(await admin('PATCH', '/tyk/apis/oas/created', renamed)).toEqual({
      status: 200,
      body: { key: 'created', status: 'ok', action: 'modified' },
    });
    expect((await admin('GET', '/tyk/apis/oas/created')).body).toEqual({ ...renamed, [X_TYK]: extension });
    expect(await served('/moved/status')).toBe(200);

    const back = petstore(harness.upstreamUrl, 'created', '/patched/');
    expect((await admin('PATCH', '/tyk/apis/oas/created', back)).status).toBe(200);
    expect(await served('/patched/status')).toBe(200);
    expect(await admin('PATCH', '/tyk/apis/oas/created', petstore(harness.upstreamUrl, 'other'))).toEqual({
      status: 400,
      body: error(MISMATCH, [`${X_TYK}.info.id`]),
    });
    expect(await admin('PATCH', '/tyk/apis/oas/nope', renamed)).toEqual({
      status: 404,
      body: error('API not found'),
    });
    expect((await admin('PATCH', '/tyk/apis/oas/classic', renamed)).body).toEqual(
      error('the supplied API definition is in OAS format, please use the Tyk classic format for this API'),
    );
  });

  it('exports one API or all of them as a file, with the extension stripped in public mode', async () => {
    const stored = petstore(harness.upstreamUrl);
    const full = await fetchPath('/tyk/apis/oas/petstore/export', { headers: ADMIN });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('application/octet-stream');
    expect(full.headers.get('content-disposition')).toBe('attachment;filename="TykOasApiDef-petstore.json"');
    expect(await full.text()).toBe(JSON.stringify(stored, null, 2));

    const publicOne = await fetchPath('/tyk/apis/oas/petstore/export?mode=public', { headers: ADMIN });
    expect(publicOne.headers.get('content-disposition')).toBe('attachment;filename="oas-petstore.json"');
    expect(await publicOne.text()).toBe(JSON.stringify(withoutExtension(stored), null, 2));

    const all = await fetchPath('/tyk/apis/oas/export', { headers: ADMIN });
    expect(all.headers.get('content-disposition')).toBe('attachment;filename="TykOasApiDef.json"');
    const listed = (await admin('GET', '/tyk/apis/oas')).body as OasDocument[];
    expect(await all.text()).toBe(JSON.stringify(listed, null, 2));
    const allPublic = await fetchPath('/tyk/apis/oas/export?mode=public', { headers: ADMIN });
    expect(allPublic.headers.get('content-disposition')).toBe('attachment;filename="oas.json"');
    expect(await allPublic.text()).toBe(JSON.stringify(listed.map(withoutExtension), null, 2));

    expect(await admin('GET', '/tyk/apis/oas/nope/export')).toEqual({
      status: 404,
      body: error('API not found'),
    });
    expect(await admin('GET', '/tyk/apis/oas/classic/export')).toEqual({
      status: 400,
      body: error('the requested API definition is in Tyk classic format, please use old api endpoint'),
    });
  });

  it('keeps Tyk OAS APIs out of the classic update route, which still reads them', async () => {
    const stored = (await admin('GET', '/tyk/apis/petstore')).body;
    expect(stored).toEqual(petstore(harness.upstreamUrl));
    expect(await admin('PUT', '/tyk/apis/petstore', stored)).toEqual({
      status: 400,
      body: error(
        'this API endpoint only supports Tyk Classic APIs; please use the appropriate Tyk OAS API endpoint',
      ),
    });
    const classic = (await admin('GET', '/tyk/apis/classic')).body;
    expect((await admin('PUT', '/tyk/apis/classic', classic)).status).toBe(200);
  });

  it.each([
    ['POST', '/tyk/apis/oas/petstore'],
    ['POST', '/tyk/apis/oas/export'],
    ['PUT', '/tyk/apis/oas/petstore/export'],
    ['DELETE', '/tyk/apis/oas/petstore/export'],
    ['PATCH', '/tyk/apis/oas'],
  ])('answers %s %s with 405 Method not supported', async (method, path) => {
    expect(await admin(method, path)).toEqual({ status: 405, body: error('Method not supported') });
  });

  it('sends DELETE /tyk/apis/oas to /tyk/apis/{id} with id "oas", as Tyk routes it', async () => {
    expect(await admin('DELETE', '/tyk/apis/oas')).toEqual({ status: 404, body: error('API not found') });
  });

  it('deletes an API at once, classic or OAS, and then lists no OAS API', async () => {
    expect(await admin('DELETE', '/tyk/apis/oas/nope')).toEqual({
      status: 404,
      body: error('API not found'),
    });
    const ids = ((await admin('GET', '/tyk/apis/oas')).body as OasDocument[]).map(
      (api) => api[X_TYK].info.id,
    );
    for (const id of ids) {
      expect(await admin('DELETE', `/tyk/apis/oas/${id}`)).toEqual({
        status: 200,
        body: { key: id, status: 'ok', action: 'deleted' },
      });
    }
    expect(await served('/petstore/status')).toBe(404);
    expect(await admin('GET', '/tyk/apis/oas')).toEqual({ status: 200, body: [] });
    expect(await admin('DELETE', '/tyk/apis/oas/classic')).toEqual({
      status: 200,
      body: { key: 'classic', status: 'ok', action: 'deleted' },
    });
    expect(await served('/classic/x')).toBe(404);
  });
});
