import {
  freePort,
  stackService,
  StartedProcess,
  temporaryDirectory,
  TEST_KEY_HASHING_SECRET,
  uniqueName,
  waitFor,
} from '@gatehouse/shared-testing';
import { writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { logLines, startApp, waitForHealthy } from './app-process';

/** Each built app boots against its real dependencies, reports healthy, logs JSON, and drains on SIGTERM. */
describe('built apps as processes', () => {
  const running: StartedProcess[] = [];

  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.stop('SIGKILL')));
  });

  async function expectCleanShutdown(app: StartedProcess): Promise<void> {
    expect(await app.stop('SIGTERM')).toBe(0);
    const messages = logLines(app).map((line) => line['msg']);
    expect(messages).toContain('shutdown complete');
  }

  it('dashboard', async () => {
    const port = await freePort();
    const app = startApp('dashboard', {
      GATEHOUSE_DASHBOARD_HTTP_PORT: String(port),
      GATEHOUSE_DASHBOARD_MONGO_URL: stackService('mongo'),
      GATEHOUSE_DASHBOARD_MONGO_DATABASE: uniqueName('e2e'),
      GATEHOUSE_DASHBOARD_REDIS_URL: stackService('redis'),
      GATEHOUSE_DASHBOARD_ADMIN_SECRET: 'e2e-admin-secret-0123456789',
      GATEHOUSE_DASHBOARD_KEY_HASHING_SECRET: TEST_KEY_HASHING_SECRET,
    });
    running.push(app);
    await waitForHealthy(app, `http://127.0.0.1:${port}/health`);
    const listening = logLines(app).find((line) => line['msg'] === 'dashboard listening');
    expect(listening).toMatchObject({ level: 'info', name: 'dashboard' });
    await expectCleanShutdown(app);
  });

  const bridgeEnv = (httpPort: number, grpcPort: number) => ({
    GATEHOUSE_BRIDGE_HTTP_PORT: String(httpPort),
    GATEHOUSE_BRIDGE_GRPC_PORT: String(grpcPort),
    GATEHOUSE_BRIDGE_MONGO_URL: stackService('mongo'),
    GATEHOUSE_BRIDGE_MONGO_DATABASE: uniqueName('e2e'),
    GATEHOUSE_BRIDGE_REDIS_URL: stackService('redis'),
    GATEHOUSE_BRIDGE_KEY_HASHING_SECRET: TEST_KEY_HASHING_SECRET,
  });

  it('bridge: refuses plaintext gRPC unless told, naming the settings', async () => {
    const app = startApp('bridge', bridgeEnv(await freePort(), await freePort()));
    running.push(app);
    expect(await app.exited).toBe(2);
    expect(app.output()).toContain('grpc.tls.certFile (GATEHOUSE_BRIDGE_GRPC_TLS_CERT_FILE)');
    expect(app.output()).toContain('grpc.allowInsecure');
  });

  it('bridge', async () => {
    const [httpPort, grpcPort] = [await freePort(), await freePort()];
    const app = startApp('bridge', {
      ...bridgeEnv(httpPort, grpcPort),
      GATEHOUSE_BRIDGE_GRPC_ALLOW_INSECURE: 'true',
    });
    running.push(app);
    await waitForHealthy(app, `http://127.0.0.1:${httpPort}/health`);
    expect(logLines(app).find((line) => line['msg'] === 'bridge listening')).toMatchObject({
      grpc: `127.0.0.1:${grpcPort}`,
    });
    await expectCleanShutdown(app);
  });

  it('pump', async () => {
    const port = await freePort();
    const app = startApp('pump', {
      GATEHOUSE_PUMP_HTTP_PORT: String(port),
      GATEHOUSE_PUMP_REDIS_URL: stackService('redis'),
    });
    running.push(app);
    await waitForHealthy(app, `http://127.0.0.1:${port}/health`);
    await expectCleanShutdown(app);
  });

  describe('gateway', () => {
    let upstream: Server;
    let upstreamUrl: string;
    const seen: string[] = [];

    beforeAll(async () => {
      upstream = createServer((req, res) => {
        seen.push(req.url ?? '');
        const delay = req.url === '/slow' ? 500 : 0;
        setTimeout(() => res.end(`upstream saw ${req.url}`), delay).unref();
      });
      await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
      upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    });

    /** A built gateway serving one keyless API, /echo/, in front of the test upstream. */
    async function startEchoGateway(env: Record<string, string> = {}) {
      const port = await freePort();
      const apps = temporaryDirectory('gatehouse-e2e-');
      const api = {
        api_id: 'echo',
        active: true,
        use_keyless: true,
        proxy: { listen_path: '/echo/', target_url: upstreamUrl, strip_listen_path: true },
      };
      writeFileSync(join(apps, 'echo.json'), JSON.stringify(api));
      const app = startApp('gateway', {
        GATEHOUSE_GATEWAY_LISTEN_ADDRESS: '127.0.0.1',
        GATEHOUSE_GATEWAY_LISTEN_PORT: String(port),
        GATEHOUSE_GATEWAY_REDIS_URL: stackService('redis'),
        GATEHOUSE_GATEWAY_APP_PATH: apps,
        GATEHOUSE_GATEWAY_KEY_HASHING_SECRET: TEST_KEY_HASHING_SECRET,
        ...env,
      });
      running.push(app);
      return { app, port };
    }

    afterAll(async () => {
      upstream.closeAllConnections();
      await new Promise((resolve) => upstream.close(resolve));
    });

    it('proxies, then finishes an in-flight request before exiting on SIGTERM', async () => {
      const { app, port } = await startEchoGateway();
      await waitForHealthy(app, `http://127.0.0.1:${port}/health`);
      const proxied = await fetch(`http://127.0.0.1:${port}/echo/hello`);
      expect(await proxied.text()).toBe('upstream saw /hello');

      const inFlight = fetch(`http://127.0.0.1:${port}/echo/slow`);
      await waitFor(() => seen.includes('/slow'), { description: 'the slow request to reach the upstream' });
      const stopped = app.stop('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('upstream saw /slow');
      expect(await stopped).toBe(0);
    });

    it('reads a tyk.conf with TYK_GW_ overrides, reporting keys it does not support', async () => {
      const port = await freePort();
      const conf = join(temporaryDirectory('gatehouse-e2e-'), 'tyk.conf');
      writeFileSync(
        conf,
        JSON.stringify({
          listen_port: 1,
          secret: 's3cret',
          enable_jsvm: true,
          storage: { host: '127.0.0.1' },
        }),
      );
      const app = startApp('gateway', {
        GATEHOUSE_GATEWAY_CONFIG_FILE: conf,
        TYK_GW_LISTENPORT: String(port),
        TYK_GW_LISTENADDRESS: '127.0.0.1',
        GATEHOUSE_GATEWAY_REDIS_URL: stackService('redis'),
        GATEHOUSE_GATEWAY_KEY_HASHING_SECRET: TEST_KEY_HASHING_SECRET,
      });
      running.push(app);
      await waitForHealthy(app, `http://127.0.0.1:${port}/hello`);
      const apis = await fetch(`http://127.0.0.1:${port}/tyk/apis`, {
        headers: { 'x-tyk-authorization': 's3cret' },
      });
      expect(await apis.json()).toEqual([]);
      expect(logLines(app).map((line) => line['msg'])).toContain(
        `${conf}: "enable_jsvm" is not supported and was ignored`,
      );
      expect(await app.stop('SIGTERM')).toBe(0);
    });

    it('serves from two worker processes sharing the port, and stops them all on SIGTERM', async () => {
      const { app, port } = await startEchoGateway({ GATEHOUSE_GATEWAY_WORKERS: '2' });
      await waitFor(() => logLines(app).filter((line) => line['msg'] === 'gateway listening').length === 2, {
        description: 'both workers to listen',
        timeoutMs: 20_000,
      });
      const pids = new Set(
        logLines(app)
          .filter((line) => line['msg'] === 'gateway listening')
          .map((line) => line['pid']),
      );
      expect(pids.size).toBe(2);
      for (let i = 0; i < 20; i++) expect((await fetch(`http://127.0.0.1:${port}/echo/x`)).status).toBe(200);
      expect(await app.stop('SIGTERM')).toBe(0);
    });

    it('refuses to start on bad configuration, naming every bad key', async () => {
      const app = startApp('gateway', {
        GATEHOUSE_GATEWAY_LISTEN_PORT: 'eighty',
        GATEHOUSE_GATEWAY_REDIS_URL: 'http://not-redis',
      });
      running.push(app);
      expect(await app.exited).toBe(2);
      expect(app.output()).toContain('listen_port (GATEHOUSE_GATEWAY_LISTEN_PORT)');
      expect(app.output()).toContain('redis_url (GATEHOUSE_GATEWAY_REDIS_URL)');
    });
  });
});
