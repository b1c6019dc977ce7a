import { compileApiSpec, Registry } from '@gatehouse/gateway-core';
import { waitFor } from '@gatehouse/shared-testing';
import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { compileApi } from './compiled-api';
import type { ProxyObserver, UpstreamFailure } from './proxy-observer';
import { ProxyServer } from './proxy-server';
import { UpstreamPools } from './upstream-pools';

/** An upstream that never answers, counting the requests it got and those it still holds open. */
async function startHangingUpstream(): Promise<{
  server: Server;
  url: string;
  open: () => number;
  received: () => number;
}> {
  let open = 0;
  let received = 0;
  const server = createServer((req: IncomingMessage, _res: ServerResponse) => {
    open++;
    received++;
    req.socket.once('close', () => open--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    open: () => open,
    received: () => received,
  };
}

const observer: ProxyObserver & { failures: UpstreamFailure[] } = {
  failures: [],
  requestCompleted: () => undefined,
  upstreamFailed(_apiId, reason) {
    this.failures.push(reason);
  },
  stageFailed: () => undefined,
};

/** Sends a GET and lets the caller give up on it, as a client that times out does. */
function openRequest(url: string): { abandon(): void } {
  const req = request(url);
  req.on('error', () => undefined);
  req.end();
  return { abandon: () => req.destroy() };
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
    const clients = Array.from({ length: 40 }, () => openRequest(`${base}/hang/x`));
    await waitFor(() => upstream.received() === 40, {
      description: '40 requests upstream',
      timeoutMs: 10_000,
    });
    for (const client of clients) client.abandon();
    // Before the fix all 40 stayed open upstream until the 60 s headers timeout.
    await waitFor(() => upstream.open() === 0, {
      description: 'upstream requests to be cancelled',
      timeoutMs: 5000,
    });
    expect(observer.failures).toEqual(Array(40).fill('client_closed'));
  });

  it('answers 503 at once past the per-origin bound, and serves again when slots free up', async () => {
    await serve(5);
    const held = Array.from({ length: 5 }, () => openRequest(`${base}/hang/held`));
    await waitFor(() => upstream.open() === 5, {
      description: 'five requests held upstream',
      timeoutMs: 10_000,
    });
    const refused = await fetch(`${base}/hang/more`);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ error: 'Upstream is busy, please try again later' });
    for (const client of held) client.abandon();
    await waitFor(() => upstream.open() === 0, { description: 'slots to free', timeoutMs: 5000 });
    const again = openRequest(`${base}/hang/again`);
    await waitFor(() => upstream.received() === 6, {
      description: 'a sixth request upstream',
      timeoutMs: 5000,
    });
    again.abandon();
    expect(observer.failures.filter((reason) => reason === 'busy')).toHaveLength(1);
  });
});
