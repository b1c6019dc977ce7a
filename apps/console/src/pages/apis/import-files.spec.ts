import { parseImportFile } from './import-files';

const classic = { api_id: 'a1', name: 'Orders', proxy: { listen_path: '/orders/' } };
const oas = {
  openapi: '3.0.3',
  info: { title: 'Pets spec', version: '1' },
  'x-tyk-api-gateway': { info: { name: 'Pets' }, server: { listenPath: { value: '/pets/' } } },
};

describe(parseImportFile.name, () => {
  it('sends a classic definition as one object', () => {
    expect(parseImportFile(JSON.stringify(classic))).toEqual({
      ok: true,
      body: classic,
      definitions: [{ kind: 'classic', name: 'Orders' }],
    });
  });

  it('recognises a Tyk OAS definition by x-tyk-api-gateway', () => {
    expect(parseImportFile(JSON.stringify(oas))).toMatchObject({
      ok: true,
      body: oas,
      definitions: [{ kind: 'oas', name: 'Pets' }],
    });
  });

  it('sends an array of mixed definitions as one array', () => {
    expect(parseImportFile(JSON.stringify([classic, oas]))).toMatchObject({
      ok: true,
      body: [classic, oas],
      definitions: [{ kind: 'classic' }, { kind: 'oas' }],
    });
  });

  it('unwraps a Tyk Dashboard export', () => {
    const exported = { apis: [{ api_model: {}, api_definition: classic }] };
    expect(parseImportFile(JSON.stringify(exported))).toMatchObject({ ok: true, body: [classic] });
  });

  it('says why a file cannot be imported, before anything is sent', () => {
    expect(parseImportFile('{"api_id": "a1",')).toEqual({
      ok: false,
      error: expect.stringMatching(/^not valid JSON: /),
    });
    expect(parseImportFile('[]')).toEqual({ ok: false, error: 'the file holds an empty list' });
    expect(parseImportFile(JSON.stringify({ openapi: '3.1.0', info: {} }))).toEqual({
      ok: false,
      error: expect.stringContaining('needs "x-tyk-api-gateway"'),
    });
    expect(parseImportFile(JSON.stringify([classic, 42]))).toEqual({
      ok: false,
      error: 'item 1 is not a JSON object',
    });
    expect(parseImportFile(JSON.stringify({ hello: 'world' }))).toEqual({
      ok: false,
      error: expect.stringContaining('the file is neither a Tyk classic definition'),
    });
  });
});
