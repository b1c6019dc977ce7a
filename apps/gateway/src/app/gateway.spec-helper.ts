import { createLogger } from '@gatehouse/shared-observability';
import { createTykKey, stackService, temporaryDirectory, uniqueName } from '@gatehouse/shared-testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { gatewayConfigSchema } from './gateway.config';
import { RunningGateway, startGateway } from './gateway-app';

export const TEST_SECRET = 'test-secret';
/** Every harness hashes keys with its own secret, as every deployment does. */
export const TEST_KEY_HASH_SECRET = 'test-key-hashing-secret-of-32-chars!';

export interface Harness {
  gateway: RunningGateway;
  upstreamUrl: string;
  appPath: string;
  policyPath: string;
  stop(): Promise<void>;
}

/** A real upstream on loopback answering 200 with the path it saw. */
export async function startEchoUpstream(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url, headers: req.headers, method: req.method }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * An in-process gateway on real Redis with its own key prefix, definition folders in a temp dir and a
 * real upstream; `apis` are written as files before start. Used by the gateway's integration specs.
 */
export async function startHarness(
  apis: (upstreamUrl: string) => Record<string, unknown>[],
  overrides: Record<string, unknown> = {},
  policies: Record<string, unknown>[] = [],
): Promise<Harness> {
  const upstream = await startEchoUpstream();
  const dir = temporaryDirectory('gatehouse-gw-');
  const appPath = join(dir, 'apps');
  const policyPath = join(dir, 'policies');
  mkdirSync(appPath);
  mkdirSync(policyPath);
  for (const api of apis(upstream.url)) {
    const id = api['api_id'] ?? (api['x-tyk-api-gateway'] as { info: { id: string } }).info.id;
    writeFileSync(join(appPath, `${String(id)}.json`), JSON.stringify(api));
  }
  for (const policy of policies)
    writeFileSync(join(policyPath, `${String(policy['id'])}.json`), JSON.stringify(policy));
  const config = gatewayConfigSchema.parse({
    listen_address: '127.0.0.1',
    listen_port: 0,
    secret: TEST_SECRET,
    node_secret: uniqueName('node'),
    app_path: appPath,
    policies: { policy_source: 'file', policy_path: policyPath },
    redis_url: stackService('redis'),
    redis_key_prefix: `${uniqueName('gw')}:`,
    hash_key_function: 'murmur64',
    key_hashing: { secret: TEST_KEY_HASH_SECRET },
    ...overrides,
  });
  const gateway = await startGateway(
    config,
    createLogger({ name: 'gateway', level: 'silent', format: 'json' }),
  );
  return {
    gateway,
    upstreamUrl: upstream.url,
    appPath,
    policyPath,
    stop: async () => {
      await gateway.close();
      upstream.server.closeAllConnections();
      await new Promise((resolve) => upstream.server.close(resolve));
    },
  };
}

/** Creates a key through the Gateway API and returns it. */
export function createKey(harness: Harness, session: Record<string, unknown>): Promise<string> {
  return createTykKey(harness.gateway.proxyUrl, TEST_SECRET, session);
}

export function keylessApi(
  apiId: string,
  listenPath: string,
  upstreamUrl: string,
  extra: Record<string, unknown> = {},
) {
  return {
    api_id: apiId,
    org_id: 'acme',
    name: apiId,
    active: true,
    use_keyless: true,
    proxy: { listen_path: listenPath, target_url: upstreamUrl, strip_listen_path: true },
    ...extra,
  };
}

/** A keyless API turned into one that needs a key (auth token unless `extra` says otherwise). */
export function protectedApi(
  apiId: string,
  listenPath: string,
  upstreamUrl: string,
  extra: Record<string, unknown> = {},
) {
  return { ...keylessApi(apiId, listenPath, upstreamUrl), use_keyless: false, ...extra };
}
