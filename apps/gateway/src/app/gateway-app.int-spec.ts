import { createLogger } from '@gatehouse/shared-observability';
import { freePort, stackService, waitFor } from '@gatehouse/shared-testing';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { gatewayConfigSchema } from './gateway.config';
import { RunningGateway, startGateway } from './gateway-app';

const silent = createLogger({ name: 'gateway', level: 'silent', format: 'json' });

async function startUpstream(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function gatewayWith(redisUrl: string, upstreamUrl: string): Promise<RunningGateway> {
  const config = gatewayConfigSchema.parse({
    proxy: { port: 0 },
    control: { port: 0 },
    redis: { url: redisUrl },
    apis: [{ apiId: 'echo', listenPath: '/echo/', targetUrl: upstreamUrl }],
  });
  return startGateway(config, silent);
}

describe('gateway (real Redis, real upstream over loopback)', () => {
  let upstream: { server: Server; url: string };

  beforeAll(async () => {
    upstream = await startUpstream();
  });

  afterAll(async () => {
    await new Promise((resolve) => upstream.server.close(resolve));
  });

  describe('with Redis up', () => {
    let sut: RunningGateway;

    beforeAll(async () => {
      sut = await gatewayWith(stackService('redis'), upstream.url);
    });

    afterAll(async () => {
      await sut.close();
    });

    it('proxies the configured route to the upstream', async () => {
      const response = await fetch(`${sut.proxyUrl}/echo/orders?id=3`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ path: '/orders?id=3' });
    });

    it('reports Redis healthy once connected', async () => {
      // The gateway does not wait for Redis at start (it serves without it), so health may lag a moment.
      const response = await waitFor(
        async () => {
          const candidate = await fetch(`${sut.controlUrl}/health`);
          return candidate.status === 200 ? candidate : undefined;
        },
        { description: 'gateway health to pass' },
      );
      const body = (await response.json()) as { status: string; checks: { redis: { status: string } } };
      expect(body.checks.redis.status).toBe('pass');
    });

    it('counts proxied requests in /metrics', async () => {
      await fetch(`${sut.proxyUrl}/echo/counted`);
      const metrics = await (await fetch(`${sut.controlUrl}/metrics`)).text();
      const line = metrics
        .split('\n')
        .find((row) => row.startsWith('gatehouse_gateway_requests_total{api_id="echo",status="200"'));
      expect(Number(line?.split(' ').pop())).toBeGreaterThanOrEqual(1);
    });
  });

  describe('with Redis down', () => {
    let sut: RunningGateway;

    beforeAll(async () => {
      sut = await gatewayWith(`redis://127.0.0.1:${await freePort()}`, upstream.url);
    });

    afterAll(async () => {
      await sut.close();
    });

    it('keeps proxying while /health reports the failure with 503', async () => {
      const proxied = await fetch(`${sut.proxyUrl}/echo/still-serving`);
      expect(proxied.status).toBe(200);
      const health = await fetch(`${sut.controlUrl}/health`);
      const body = (await health.json()) as {
        status: string;
        checks: { redis: { status: string; output: string } };
      };
      expect(health.status).toBe(503);
      expect(body.status).toBe('fail');
      expect(body.checks.redis.output).toBeTruthy();
    });
  });
});
