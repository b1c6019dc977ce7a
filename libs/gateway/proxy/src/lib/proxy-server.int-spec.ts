import { freePort } from '@gatehouse/shared-testing';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ProxyObserver, UpstreamFailure } from './proxy-observer';
import { ProxyServer } from './proxy-server';
import { RouteTable } from './route-table';
import { UpstreamPools } from './upstream-pools';

/** A real upstream on loopback that echoes what it received; `/slow?ms=N` answers after N ms. */
async function startUpstream(): Promise<{ server: Server; url: string }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const delay = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('ms') ?? 0);
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'yes' });
        res.end(
          JSON.stringify({
            method: req.method,
            url: req.url,
            headers: req.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      }, delay).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

class RecordingObserver implements ProxyObserver {
  completed: { apiId: string; statusCode: number }[] = [];
  failures: UpstreamFailure[] = [];
  requestCompleted(apiId: string, statusCode: number) {
    this.completed.push({ apiId, statusCode });
  }
  upstreamFailed(_apiId: string, reason: UpstreamFailure) {
    this.failures.push(reason);
  }
}

describe(`${ProxyServer.name} (real HTTP over loopback)`, () => {
  let upstream: { server: Server; url: string };
  let observer: RecordingObserver;
  let sut: ProxyServer;
  let base: string;

  beforeEach(async () => {
    upstream = await startUpstream();
    observer = new RecordingObserver();
    const deadPort = await freePort();
    const routes = new RouteTable([
      { apiId: 'echo', listenPath: '/echo/', targetUrl: upstream.url, stripListenPath: true },
      {
        apiId: 'dead',
        listenPath: '/dead/',
        targetUrl: `http://127.0.0.1:${deadPort}`,
        stripListenPath: true,
      },
    ]);
    sut = new ProxyServer(
      routes,
      new UpstreamPools({ connections: 8, headersTimeoutMs: 150, bodyTimeoutMs: 1000 }),
      observer,
    );
    const address = await sut.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${address.port}`;
  });

  afterEach(async () => {
    await sut.close(1000);
    upstream.server.closeAllConnections();
    await new Promise((resolve) => upstream.server.close(resolve));
  });

  it('forwards method, path, query, body and headers, and returns the upstream answer', async () => {
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
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(response.headers.get('x-request-id')).toBe('req-123');
    expect(echoed).toMatchObject({ method: 'POST', url: '/orders/7?x=1', body: 'hello' });
    expect(echoed.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(echoed.headers['x-request-id']).toBe('req-123');
    expect(observer.completed).toEqual([{ apiId: 'echo', statusCode: 200 }]);
  });

  it('answers 404 in Tyk error format when no API listens on the path', async () => {
    const response = await fetch(`${base}/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no API is listening on this path' });
  });

  it("answers Tyk's 500 message when the upstream refuses connections", async () => {
    const response = await fetch(`${base}/dead/x`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'there was a problem proxying the request' });
    expect(observer.failures).toEqual(['connect']);
  });

  it('answers 504 when the upstream is slower than the timeout', async () => {
    // undici checks timeouts on a coarse (~0.5 s) clock, so the upstream must be clearly slower.
    const response = await fetch(`${base}/echo/slow?ms=2500`);
    expect(response.status).toBe(504);
    expect(observer.failures).toEqual(['timeout']);
  });

  it('serves the new table after a swap', async () => {
    sut.swapRoutes(
      new RouteTable([
        { apiId: 'moved', listenPath: '/moved/', targetUrl: upstream.url, stripListenPath: false },
      ]),
    );
    const moved = await fetch(`${base}/moved/a`);
    expect(((await moved.json()) as { url: string }).url).toBe('/moved/a');
    expect((await fetch(`${base}/echo/a`)).status).toBe(404);
  });

  it('lets an in-flight request finish when closing, then refuses new connections', async () => {
    const slowSut = new ProxyServer(
      new RouteTable([{ apiId: 'echo', listenPath: '/', targetUrl: upstream.url, stripListenPath: false }]),
      new UpstreamPools({ connections: 2, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 }),
      observer,
    );
    const { port } = await slowSut.listen(0, '127.0.0.1');
    const inFlight = fetch(`http://127.0.0.1:${port}/slow?ms=300`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(slowSut.inFlightRequests).toBe(1);
    const closing = slowSut.close(5000);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    await closing;
    await expect(fetch(`http://127.0.0.1:${port}/slow`)).rejects.toThrow();
  });
});
