import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

import {
  createKey,
  Harness,
  keylessApi,
  protectedApi,
  startHarness,
  TEST_SECRET,
} from './gateway.spec-helper';

// Tyk v5.10.2 gateway/mw_transform.go (request) and res_handler_transform.go (response): a Go
// template over the JSON body, `_tyk_meta` with enable_session, `_tyk_context` with context variables.
const blob = (template: string) => Buffer.from(template).toString('base64');
const transformEntry = (path: string, method: string, template: string, enableSession = false) => ({
  path,
  method,
  template_data: {
    input_type: 'json',
    template_mode: 'blob',
    enable_session: enableSession,
    template_source: blob(template),
  },
});

describe('body transforms as Tyk runs them (real HTTP, real Redis)', () => {
  let harness: Harness;
  let jsonUpstream: Server;
  let received: { body: string; length?: string } = { body: '' };

  beforeAll(async () => {
    // An upstream that records the body it got and answers with JSON (gzipped on /zipped).
    jsonUpstream = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received = { body: Buffer.concat(chunks).toString('utf8'), length: req.headers['content-length'] };
        const answer = JSON.stringify({ id: 7, total: 1234567, items: [{ sku: 'a' }, { sku: 'b' }] });
        if (req.url?.startsWith('/bomb')) {
          // 30 MiB of spaces, 30 KiB on the wire: a decompression bomb.
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          res.end(gzipSync(Buffer.alloc(30 * 1024 * 1024, 0x20)));
        } else if (req.url?.startsWith('/zipped')) {
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          res.end(gzipSync(answer));
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(answer);
        }
      });
    });
    await new Promise<void>((resolve) => jsonUpstream.listen(0, '127.0.0.1', resolve));
    const upstream = `http://127.0.0.1:${(jsonUpstream.address() as AddressInfo).port}`;
    const version = {
      not_versioned: true,
      versions: {
        Default: {
          name: 'Default',
          extended_paths: {
            transform: [
              transformEntry(
                '/orders',
                'POST',
                '{"customer":"{{.name}}","count":{{len .items}},"tier":"{{._tyk_meta.tier}}"}',
                true,
              ),
            ],
            transform_response: [
              transformEntry(
                '/orders/{id}',
                'GET',
                '{"order":{{.id}},"skus":[{{range $i, $e := .items}}{{if $i}},{{end}}"{{$e.sku}}"{{end}}],"total":"{{.total}}"}',
              ),
              transformEntry('/zipped', 'GET', '{{.id}}'),
              transformEntry('/bomb', 'GET', '{{.id}}'),
            ],
          },
        },
      },
    };
    harness = await startHarness(() => [protectedApi('shop', '/shop/', upstream, { version_data: version })]);
  });

  afterAll(async () => {
    await harness?.stop();
    await new Promise((resolve) => jsonUpstream.close(resolve));
  });

  it('rewrites a request body through its template, with the session meta data, and its length', async () => {
    const key = await createKey(harness, {
      org_id: 'acme',
      meta_data: { tier: 'gold' },
      access_rights: { shop: { api_id: 'shop', versions: [] } },
    });
    const response = await fetch(`${harness.gateway.proxyUrl}/shop/orders`, {
      method: 'POST',
      headers: { authorization: key, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada', items: [1, 2, 3] }),
    });
    expect(response.status).toBe(200);
    expect(received.body).toBe('{"customer":"Ada","count":3,"tier":"gold"}');
    expect(received.length).toBe(String(Buffer.byteLength(received.body)));
  });

  it('leaves a body that is not JSON as it was', async () => {
    const key = await createKey(harness, {
      org_id: 'acme',
      access_rights: { shop: { api_id: 'shop', versions: [] } },
    });
    await fetch(`${harness.gateway.proxyUrl}/shop/orders`, {
      method: 'POST',
      headers: { authorization: key },
      body: 'plain words',
    });
    expect(received.body).toBe('plain words');
  });

  it("rewrites a response body, with Go's number formatting, decompressing it first", async () => {
    const key = await createKey(harness, {
      org_id: 'acme',
      access_rights: { shop: { api_id: 'shop', versions: [] } },
    });
    const response = await fetch(`${harness.gateway.proxyUrl}/shop/orders/7`, {
      headers: { authorization: key },
    });
    expect(await response.text()).toBe('{"order":7,"skus":["a","b"],"total":"1.234567e+06"}');
    const zipped = await fetch(`${harness.gateway.proxyUrl}/shop/zipped`, {
      headers: { authorization: key },
    });
    expect(zipped.headers.get('content-encoding')).toBeNull();
    expect(await zipped.text()).toBe('7');
  });

  it('refuses to inflate a compressed answer past its bound (attack: decompression bomb) and keeps serving', async () => {
    const key = await createKey(harness, {
      org_id: 'acme',
      access_rights: { shop: { api_id: 'shop', versions: [] } },
    });
    const bomb = await fetch(`${harness.gateway.proxyUrl}/shop/bomb`, { headers: { authorization: key } });
    expect(bomb.status).toBe(500);
    expect(await bomb.json()).toEqual({ error: 'Response body too large' });
    const after = await fetch(`${harness.gateway.proxyUrl}/shop/zipped`, { headers: { authorization: key } });
    expect(await after.text()).toBe('7');
  });

  it('refuses a definition whose template does not parse, naming where', async () => {
    const broken = keylessApi('broken', '/broken/', 'http://127.0.0.1:1', {
      version_data: {
        not_versioned: true,
        versions: {
          Default: { extended_paths: { transform: [transformEntry('/x', 'POST', '{{if .a}}no end')] } },
        },
      },
    });
    const response = await fetch(`${harness.gateway.proxyUrl}/tyk/apis`, {
      method: 'POST',
      headers: { 'x-tyk-authorization': TEST_SECRET },
      body: JSON.stringify(broken),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      message: expect.stringContaining('transform /x: missing {{end}}'),
      fields: ['version_data.versions.Default'],
    });
  });
});
