import {
  freePort,
  stackService,
  StartedProcess,
  temporaryDirectory,
  TEST_KEY_HASHING_SECRET,
  uniqueName,
} from '@gatehouse/shared-testing';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { AppName, logLines, waitForHealthy } from '../app-process';
import { chartMemoryRequestMebibytes } from './chart-values';
import {
  fileFingerprints,
  packageOutsideRepository,
  residentMebibytes,
  setReadOnly,
  startPackagedApp,
} from './packaged-app';

const APPS: AppName[] = ['dashboard', 'bridge', 'gateway', 'pump'];
const GATEWAY_SECRET = 'packaged-gateway-secret';

/**
 * Each app packaged by tools/release/package.sh into a folder outside the repository and started from
 * that tree alone (read-only, as the image user), against the real services of tools/stack: it reports
 * healthy, stays within the memory the Helm chart requests for it, exits 0 on SIGTERM, and leaves its
 * read-only configuration folder exactly as it found it.
 */
describe('packaged apps, started from their release tree alone', () => {
  const trees = {} as Record<AppName, string>;
  const readOnlyFolders: string[] = [];
  const running: StartedProcess[] = [];

  beforeAll(async () => {
    for (const app of APPS) {
      trees[app] = await packageOutsideRepository(app);
      readOnlyFolders.push(trees[app]);
    }
  }, 180_000);

  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.stop('SIGKILL')));
  });

  // A user other than root cannot empty read-only folders: give them back before they are removed.
  afterAll(() => readOnlyFolders.forEach((dir) => setReadOnly(dir, false)));

  /** A read-only folder holding `files` (path → content), as a mounted ConfigMap. */
  function readOnlyConfig(files: Record<string, string>): string {
    const dir = temporaryDirectory('gatehouse-packaged-config-');
    chmodSync(dir, 0o755);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    setReadOnly(dir, true);
    readOnlyFolders.push(dir);
    return dir;
  }

  /**
   * Starts `app` from its tree with its settings in a read-only config file and `env` (secrets and
   * service addresses); answers once `healthUrl` says 200.
   */
  async function startHealthy(
    app: AppName,
    settings: object,
    env: Record<string, string>,
    healthUrl: string,
  ) {
    const config = readOnlyConfig({ [`${app}.json`]: JSON.stringify(settings) });
    const before = fileFingerprints(config);
    const variable = `GATEHOUSE_${app.toUpperCase()}_CONFIG_FILE`;
    const started = startPackagedApp(trees[app], { ...env, [variable]: join(config, `${app}.json`) });
    running.push(started);
    await waitForHealthy(started, healthUrl);
    return { app: started, config, before };
  }

  async function expectCleanStop(app: AppName, started: StartedProcess, config: string, before: object) {
    expect(residentMebibytes(started.child.pid ?? 0)).toBeLessThan(chartMemoryRequestMebibytes(app));
    expect(await started.stop('SIGTERM')).toBe(0);
    expect(logLines(started).map((line) => line['msg'])).toContain('shutdown complete');
    expect(fileFingerprints(config)).toEqual(before);
  }

  it('packages only production packages next to the bundle', () => {
    for (const app of APPS) {
      expect(existsSync(join(trees[app], 'main.js'))).toBe(true);
      expect(existsSync(join(trees[app], 'node_modules', '@nestjs', 'core', 'package.json'))).toBe(true);
      for (const devOnly of ['typescript', 'jest', 'nx', 'webpack', 'pino-pretty'])
        expect(existsSync(join(trees[app], 'node_modules', devOnly))).toBe(false);
    }
    // The gRPC server loads bridge.proto from beside its bundle at run time.
    expect(existsSync(join(trees.bridge, 'proto', 'gatehouse', 'bridge', 'v1', 'bridge.proto'))).toBe(true);
  });

  // Some are loaded only when a feature is first used (Kafka, MQTT, the hybrid mode's gRPC client), so
  // starting an app does not prove they are there: load each one the bundle requires, from the tree.
  it.each(APPS)('%s loads every package its bundle requires from its own tree', async (app) => {
    const loader = startPackagedApp(trees[app], {}, [
      '-e',
      "for (const name of Object.keys(require('./package.json').dependencies)) require(name)",
    ]);
    expect({ code: await loader.exited, output: loader.output() }).toEqual({ code: 0, output: '' });
  });

  it('dashboard', async () => {
    const port = await freePort();
    const { app, config, before } = await startHealthy(
      'dashboard',
      { http: { port }, mongo: { database: uniqueName('packaged') } },
      {
        GATEHOUSE_DASHBOARD_MONGO_URL: stackService('mongo'),
        GATEHOUSE_DASHBOARD_REDIS_URL: stackService('redis'),
        GATEHOUSE_DASHBOARD_ADMIN_SECRET: 'packaged-admin-secret-0123456789',
        GATEHOUSE_DASHBOARD_KEY_HASHING_SECRET: TEST_KEY_HASHING_SECRET,
        // The image's setting: the web console the package carries.
        GATEHOUSE_DASHBOARD_CONSOLE_DIR: join(trees.dashboard, 'console'),
      },
      `http://127.0.0.1:${port}/health`,
    );
    const page = await fetch(`http://127.0.0.1:${port}/apis`);
    expect({ status: page.status, html: (await page.text()).includes('<div id="root">') }).toEqual({
      status: 200,
      html: true,
    });
    await expectCleanStop('dashboard', app, config, before);
  });

  it('bridge', async () => {
    const [httpPort, grpcPort] = [await freePort(), await freePort()];
    const { app, config, before } = await startHealthy(
      'bridge',
      { http: { port: httpPort }, grpc: { port: grpcPort }, mongo: { database: uniqueName('packaged') } },
      {
        GATEHOUSE_BRIDGE_MONGO_URL: stackService('mongo'),
        GATEHOUSE_BRIDGE_REDIS_URL: stackService('redis'),
        GATEHOUSE_BRIDGE_KEY_HASHING_SECRET: TEST_KEY_HASHING_SECRET,
        // Plaintext gRPC on loopback; the images get certificates (deploy/README.md).
        GATEHOUSE_BRIDGE_GRPC_ALLOW_INSECURE: 'true',
      },
      `http://127.0.0.1:${httpPort}/health`,
    );
    expect(logLines(app).find((line) => line['msg'] === 'bridge listening')).toMatchObject({
      grpc: `127.0.0.1:${grpcPort}`,
    });
    await expectCleanStop('bridge', app, config, before);
  });

  it('pump', async () => {
    const port = await freePort();
    const { app, config, before } = await startHealthy(
      'pump',
      { http: { port }, stream: { name: uniqueName('packaged') } },
      { GATEHOUSE_PUMP_REDIS_URL: stackService('redis') },
      `http://127.0.0.1:${port}/health`,
    );
    await expectCleanStop('pump', app, config, before);
  });

  describe('gateway', () => {
    let upstream: Server;
    let upstreamUrl: string;

    beforeAll(async () => {
      upstream = createServer((req, res) => res.end(`upstream saw ${req.url}`));
      await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
      upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      upstream.closeAllConnections();
      await new Promise((resolve) => upstream.close(resolve));
    });

    it('serves APIs and policies from a read-only config folder and rewrites no file in it', async () => {
      const port = await freePort();
      const api = (id: string, keyless: boolean) => ({
        api_id: id,
        org_id: '1',
        active: true,
        use_keyless: keyless,
        use_standard_auth: !keyless,
        auth: { auth_header_name: 'Authorization' },
        version_data: { not_versioned: true, versions: { Default: { name: 'Default' } } },
        proxy: { listen_path: `/${id}/`, target_url: upstreamUrl, strip_listen_path: true },
      });
      const folder = readOnlyConfig({
        'apps/open.json': JSON.stringify(api('open', true)),
        'apps/orders.json': JSON.stringify(api('orders', false)),
        'policies/policies.json': JSON.stringify({
          gold: {
            org_id: '1',
            active: true,
            rate: 100,
            per: 1,
            access_rights: { orders: { api_id: 'orders' } },
          },
        }),
      });
      const folderBefore = fileFingerprints(folder);
      const { app, config, before } = await startHealthy(
        'gateway',
        {
          listen_address: '127.0.0.1',
          listen_port: port,
          app_path: join(folder, 'apps'),
          policies: { policy_source: 'file', policy_path: join(folder, 'policies', 'policies.json') },
          redis_key_prefix: `${uniqueName('packaged')}:`,
        },
        {
          GATEHOUSE_GATEWAY_REDIS_URL: stackService('redis'),
          GATEHOUSE_GATEWAY_SECRET: GATEWAY_SECRET,
          GATEHOUSE_GATEWAY_KEY_HASHING_SECRET: TEST_KEY_HASHING_SECRET,
        },
        `http://127.0.0.1:${port}/health`,
      );
      const base = `http://127.0.0.1:${port}`;
      const admin = { 'x-tyk-authorization': GATEWAY_SECRET, 'content-type': 'application/json' };

      expect(await (await fetch(`${base}/open/hi`)).text()).toBe('upstream saw /hi');
      const created = await fetch(`${base}/tyk/keys/create`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ org_id: '1', apply_policies: ['gold'], access_rights: {} }),
      });
      expect(created.status).toBe(200);
      const { key } = (await created.json()) as { key: string };
      expect((await fetch(`${base}/orders/1`)).status).toBe(401);
      const keyed = await fetch(`${base}/orders/1`, { headers: { authorization: key } });
      expect(await keyed.text()).toBe('upstream saw /1');
      // A reload reads the folder again; it must not write there either.
      expect((await fetch(`${base}/tyk/reload/?block=true`, { headers: admin })).status).toBe(200);
      expect((await fetch(`${base}/open/again`)).status).toBe(200);

      await expectCleanStop('gateway', app, config, before);
      expect(fileFingerprints(folder)).toEqual(folderBefore);
    });
  });
});
