import { compileApiSpec, Registry } from '@gatehouse/gateway-core';
import { waitFor } from '@gatehouse/shared-testing';
import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { compileApi } from './compiled-api';
import type { ProxyObserver, UpstreamFailure } from './proxy-observer';
import { ProxyServer } from './proxy-server';
import { UpstreamPools } from './upstream-pools';

/** An upstream that never answers, counting the requests it holds open. */
async function startHangingUpstream(): Promise<{ server: Server; url: string; open: () => number }> {
  let open = 0;
  const server = createServer((req: IncomingMessage, _res: ServerResponse) => {
    open++;
    req.socket.once('close', () => open--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, open: () => open };
}

const observer: ProxyObserver & { failures: UpstreamFailure[] } = {
  failures: [],
  requestCompleted: () => undefined,
  upstreamFailed(_apiId, reason) {
    this.failures.push(reason);
  },
  stageFailed: () => undefined,
};

/** Sends a GET and destroys it after `afterMs`, as a client that gives up does. */
function abandonedRequest(url: string, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const req = request(url);
    req.on('error', () => resolve());
    req.end();
    setTimeout(() => {
      req.destroy();
      resolve();
    }, afterMs);
  });
}

describe('upstream requests under abuse (real HTTP over loopback)', () => {
  let upstream: Awaited<ReturnType<typeof startHangingUpstream>>;
  let sut: ProxyServer;
  let base: string;

  async function serve(maxRequestsPerOrigin: number): Promise<void> {
    const spec = compileApiSpec({
      api_id: 'hang',
      use_keyless: true,
      proxy: { listen_path: '/hang/', target_url: upstream.url, strip_listen_path: true },
    });
    sut = new ProxyServer(
      new Registry([compileApi(spec, [])], new Map()),
      new UpstreamPools({
        connections: 200,
        headersTimeoutMs: 60_000,
        bodyTimeoutMs: 60_000,
        maxRequestsPerOrigin,
      }),
      observer,
      {},
    );
    base = `http://127.0.0.1:${(await sut.listen(0, '127.0.0.1')).port}`;
  }

  beforeEach(async () => {
    upstream = await startHangingUpstream();
    observer.failures = [];
  });

  afterEach(async () => {
    // The upstream goes first: requests it still holds would keep the proxy's pools from closing.
    upstream.server.closeAllConnections();
    await new Promise((resolve) => upstream.server.close(resolve));
    await sut?.close(200);
  });

  it('aborts the upstream request when the client goes away (attack: timed-out clients pinned the pool)', async () => {
    await serve(1000);
    await Promise.all(Array.from({ length: 40 }, () => abandonedRequest(`${base}/hang/x`, 300)));
    // Before the fix all 40 stayed open upstream until the 60 s headers timeout.
    await waitFor(() => upstream.open() === 0, {
      description: 'upstream requests to be cancelled',
      timeoutMs: 5000,
    });
    expect(observer.failures.filter((reason) => reason === 'client_closed')).toHaveLength(40);
  });

  it('answers 503 at once past the per-origin bound, and serves again when slots free up', async () => {
    await serve(5);
    const held = Array.from({ length: 5 }, () => abandonedRequest(`${base}/hang/held`, 1500));
    await waitFor(() => upstream.open() === 5, {
      description: 'five requests held upstream',
      timeoutMs: 5000,
    });
    const refused = await fetch(`${base}/hang/more`);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ error: 'Upstream is busy, please try again later' });
    await Promise.all(held);
    await waitFor(() => upstream.open() === 0, { description: 'slots to free', timeoutMs: 5000 });
    await abandonedRequest(`${base}/hang/again`, 200);
    expect(observer.failures).toContain('busy');
    expect(observer.failures.filter((reason) => reason === 'busy')).toHaveLength(1);
  });
});
