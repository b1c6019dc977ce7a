import { compileApiSpec, Registry, RequestContext, Stage } from '@gatehouse/gateway-core';
import { freePort, waitFor } from '@gatehouse/shared-testing';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { AnalyticsSink } from './analytics-builder';
import { CompiledApi, compileApi } from './compiled-api';
import type { ProxyObserver, UpstreamFailure } from './proxy-observer';
import { ProxyServer } from './proxy-server';
import { UpstreamPools } from './upstream-pools';

/** A real upstream on loopback that echoes what it received; `/slow?ms=N` answers after N ms. */
async function startUpstream(name = 'up'): Promise<{ server: Server; url: string }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const status = Number(url.searchParams.get('status') ?? 200);
      setTimeout(
        () => {
          res.writeHead(status, {
            'content-type': 'application/json',
            'x-upstream': name,
            'x-internal': 'secret',
          });
          res.end(
            JSON.stringify({
              name,
              method: req.method,
              url: req.url,
              headers: req.headers,
              body: Buffer.concat(chunks).toString(),
            }),
          );
        },
        Number(url.searchParams.get('ms') ?? 0),
      ).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stopUpstream(upstream: { server: Server }): Promise<void> {
  upstream.server.closeAllConnections();
  await new Promise((resolve) => upstream.server.close(resolve));
}

class RecordingObserver implements ProxyObserver {
  completed: { apiId: string; statusCode: number }[] = [];
  failures: UpstreamFailure[] = [];
  stageErrors = 0;
  requestCompleted(apiId: string, statusCode: number) {
    this.completed.push({ apiId, statusCode });
  }
  upstreamFailed(_apiId: string, reason: UpstreamFailure) {
    this.failures.push(reason);
  }
  stageFailed() {
    this.stageErrors++;
  }
}

function api(definition: Record<string, unknown>, stages: Stage[] = []): CompiledApi {
  return compileApi(compileApiSpec({ active: true, use_keyless: true, ...definition }), stages);
}

describe(`${ProxyServer.name} (real HTTP over loopback)`, () => {
  let upstream: { server: Server; url: string };
  let observer: RecordingObserver;
  let records: {
    api_id: string;
    response_code: number;
    path: string;
    raw_request?: string;
    raw_response?: string;
  }[];
  let sut: ProxyServer;
  let base: string;

  async function serve(apis: CompiledApi[], headersTimeoutMs = 30_000) {
    const analytics: AnalyticsSink = { record: (record) => records.push(record) };
    sut = new ProxyServer(
      new Registry(apis, new Map()),
      new UpstreamPools({
        connections: 8,
        headersTimeoutMs,
        bodyTimeoutMs: 5000,
        maxRequestsPerOrigin: 1000,
      }),
      observer,
      {
        analytics,
        control: (_req, res) => res.end('control'),
      },
    );
    const address = await sut.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${address.port}`;
  }

  beforeEach(async () => {
    upstream = await startUpstream();
    observer = new RecordingObserver();
    records = [];
  });

  afterEach(async () => {
    await sut?.close(1000);
    await stopUpstream(upstream);
  });

  it('forwards method, path, query, body and headers, and records analytics', async () => {
    await serve([
      api({
        api_id: 'echo',
        name: 'Echo',
        proxy: { listen_path: '/echo/', target_url: upstream.url, strip_listen_path: true },
      }),
    ]);
    const response = await fetch(`${base}/echo/orders/7?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-request-id': 'req-123' },
      body: 'hello',
    });
    const echoed = (await response.json()) as {
      method: string;
      url: string;
      body: string;
      headers: Record<string, string>;
    };
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-123');
    expect(echoed).toMatchObject({ method: 'POST', url: '/orders/7?x=1', body: 'hello' });
    expect(echoed.headers['x-forwarded-for']).toBe('127.0.0.1');
    await waitFor(() => records.length === 1, { description: 'the analytics record' });
    expect(records).toEqual([
      expect.objectContaining({ api_id: 'echo', response_code: 200, path: '/echo/orders/7' }),
    ]);
  });

  it('records the raw request and response (base64, as Tyk) only for an API with detailed recording', async () => {
    await serve([
      api({
        api_id: 'detailed',
        enable_detailed_recording: true,
        proxy: { listen_path: '/detailed/', target_url: upstream.url, strip_listen_path: true },
      }),
      api({
        api_id: 'plain',
        proxy: { listen_path: '/plain/', target_url: upstream.url, strip_listen_path: true },
      }),
    ]);
    const detailed = await fetch(`${base}/detailed/orders?x=1`, { method: 'POST', body: 'order-42' });
    const upstreamBody = await detailed.text();
    await (await fetch(`${base}/plain/orders`)).text();
    await waitFor(() => records.length === 2, { description: 'both analytics records' });
    const [withCapture, without] = records;
    const request = Buffer.from(withCapture.raw_request ?? '', 'base64').toString();
    const response = Buffer.from(withCapture.raw_response ?? '', 'base64').toString();
    expect(request).toMatch(/^POST \/detailed\/orders\?x=1 HTTP\/1\.1\r\n/);
    expect(request).toMatch(/\r\n\r\norder-42$/);
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response.endsWith(`\r\n\r\n${upstreamBody}`)).toBe(true);
    expect(without).not.toHaveProperty('raw_request');
    expect(without).not.toHaveProperty('raw_response');
  });

  it('keeps the listen path when strip_listen_path is off', async () => {
    await serve([
      api({ api_id: 'keep', proxy: { listen_path: '/keep/', target_url: `${upstream.url}/base` } }),
    ]);
    const echoed = (await (await fetch(`${base}/keep/a`)).json()) as { url: string };
    expect(echoed.url).toBe('/base/keep/a');
  });

  it("answers Tyk's 404 when no API listens, and hands /tyk/ and /hello to the control handler", async () => {
    await serve([]);
    const missing = await fetch(`${base}/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'Not Found' });
    expect(await (await fetch(`${base}/hello`)).text()).toBe('control');
    expect(await (await fetch(`${base}/tyk/apis`)).text()).toBe('control');
  });

  it('round-robins over the target list and retries an idempotent request on a dead target', async () => {
    const second = await startUpstream('second');
    const dead = `http://127.0.0.1:${await freePort()}`;
    try {
      await serve([
        api({
          api_id: 'lb',
          proxy: {
            listen_path: '/lb/',
            strip_listen_path: true,
            enable_load_balancing: true,
            target_list: [upstream.url, dead, second.url],
          },
        }),
      ]);
      const names: string[] = [];
      for (let i = 0; i < 4; i++)
        names.push(((await (await fetch(`${base}/lb/x`)).json()) as { name: string }).name);
      expect(names.sort()).toEqual(['second', 'second', 'up', 'up']);
      const post = await fetch(`${base}/lb/x`, { method: 'POST', body: 'x' });
      const posts = [post.status];
      for (let i = 0; i < 2; i++)
        posts.push((await fetch(`${base}/lb/x`, { method: 'POST', body: 'x' })).status);
      expect(posts.sort()).toEqual([200, 200, 500]);
    } finally {
      await stopUpstream(second);
    }
  });

  it("answers Tyk's 500 when the upstream refuses and 504 past a hard timeout", async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    await serve([
      api({ api_id: 'dead', proxy: { listen_path: '/dead/', target_url: dead } }),
      api({
        api_id: 'slow',
        proxy: { listen_path: '/slow/', target_url: upstream.url, strip_listen_path: true },
        version_data: {
          not_versioned: true,
          versions: {
            Default: { extended_paths: { hard_timeouts: [{ path: '/', method: 'GET', timeout: 0.2 }] } },
          },
        },
      }),
    ]);
    const refused = await fetch(`${base}/dead/x`);
    expect(refused.status).toBe(500);
    expect(await refused.json()).toEqual({ error: 'There was a problem proxying the request' });
    // undici checks timeouts on a coarse (~0.5 s) clock, so the upstream must be clearly slower.
    const slow = await fetch(`${base}/slow/?ms=2500`);
    expect(slow.status).toBe(504);
    expect(observer.failures.sort()).toEqual(['connect', 'timeout']);
  });

  it('opens a circuit breaker after failures and answers 503 without calling the upstream', async () => {
    await serve([
      api({
        api_id: 'cb',
        proxy: { listen_path: '/cb/', target_url: upstream.url, strip_listen_path: true },
        version_data: {
          not_versioned: true,
          versions: {
            Default: {
              extended_paths: {
                circuit_breakers: [
                  {
                    path: '/',
                    method: 'GET',
                    threshold_percent: 0.5,
                    samples: 2,
                    return_to_service_after: 60,
                  },
                ],
              },
            },
          },
        },
      }),
    ]);
    expect((await fetch(`${base}/cb/?status=500`)).status).toBe(500);
    expect((await fetch(`${base}/cb/?status=500`)).status).toBe(500);
    const open = await fetch(`${base}/cb/`);
    expect(open.status).toBe(503);
    expect(await open.json()).toEqual({ error: 'Service temporarily unavailable.' });
  });

  it('applies response header transforms and the headers stages set', async () => {
    const addsHeader: Stage = {
      name: 'test',
      run: (ctx: RequestContext) => {
        ctx.responseHeaders['x-ratelimit-limit'] = '10';
        return undefined;
      },
    };
    await serve([
      api(
        {
          api_id: 'hdr',
          proxy: { listen_path: '/hdr/', target_url: upstream.url, strip_listen_path: true },
          version_data: {
            not_versioned: true,
            versions: {
              Default: {
                global_response_headers: { 'x-served-by': 'gatehouse' },
                global_response_headers_remove: ['X-Internal'],
              },
            },
          },
        },
        [addsHeader],
      ),
    ]);
    const response = await fetch(`${base}/hdr/`);
    expect(response.headers.get('x-served-by')).toBe('gatehouse');
    expect(response.headers.get('x-internal')).toBeNull();
    expect(response.headers.get('x-ratelimit-limit')).toBe('10');
  });

  it('answers a rejecting stage itself, and survives a stage that throws', async () => {
    const refuses: Stage = { name: 'refuse', run: () => ({ status: 403, message: 'Quota exceeded' }) };
    const throws: Stage = {
      name: 'broken',
      run: async () => {
        throw new Error('redis down');
      },
    };
    await serve([
      api({ api_id: 'no', proxy: { listen_path: '/no/', target_url: upstream.url } }, [refuses]),
      api({ api_id: 'boom', proxy: { listen_path: '/boom/', target_url: upstream.url } }, [throws]),
    ]);
    const refused = await fetch(`${base}/no/`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'Quota exceeded' });
    expect((await fetch(`${base}/boom/`)).status).toBe(500);
    expect(observer.stageErrors).toBe(1);
    expect((await fetch(`${base}/no/`)).status).toBe(403);
  });

  it('answers 503 while starting (it listens before its config is loaded), then serves', async () => {
    const spec = api({ api_id: 'late', proxy: { listen_path: '/late/', target_url: upstream.url } });
    sut = new ProxyServer(
      new Registry([spec], new Map()),
      new UpstreamPools({
        connections: 8,
        headersTimeoutMs: 5000,
        bodyTimeoutMs: 5000,
        maxRequestsPerOrigin: 100,
      }),
      observer,
      { startsNotReady: true },
    );
    base = `http://127.0.0.1:${(await sut.listen(0, '127.0.0.1')).port}`;
    const starting = await fetch(`${base}/late/x`);
    expect(starting.status).toBe(503);
    expect(await starting.json()).toEqual({ error: 'Gateway is starting, please try again shortly' });
    sut.ready();
    expect((await fetch(`${base}/late/x`)).status).toBe(200);
  });

  it('serves a swapped registry for new requests', async () => {
    await serve([api({ api_id: 'old', proxy: { listen_path: '/old/', target_url: upstream.url } })]);
    sut.swap(
      new Registry(
        [api({ api_id: 'new', proxy: { listen_path: '/new/', target_url: upstream.url } })],
        new Map(),
      ),
    );
    expect((await fetch(`${base}/new/`)).status).toBe(200);
    expect((await fetch(`${base}/old/`)).status).toBe(404);
  });

  it('lets an in-flight request finish when closing, then refuses new connections', async () => {
    await serve([api({ api_id: 'echo', proxy: { listen_path: '/', target_url: upstream.url } })]);
    const port = new URL(base).port;
    const inFlight = fetch(`${base}/slow?ms=300`);
    await waitFor(() => sut.inFlightRequests === 1, { description: 'the request to be in flight' });
    const closing = sut.close(5000);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    await closing;
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});
