// The gateway benchmarks' standalone gateway on loopback: a Redis of its own, Tyk API definition files
// in a folder, and the built gateway process serving them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort, start, waitHealthy } from './processes.mjs';
import { appBundle, root } from './repo.mjs';

export const GATEWAY_SECRET = 'bench-secret';

/**
 * The Node flags docs/gateway.md starts the gateway with (a 4 MB young generation: smaller RSS and
 * shorter scavenges), so the benchmarks measure it as users run it.
 */
export const GATEWAY_NODE_FLAGS = ['--max-semi-space-size=4'];

async function waitForRedis(port) {
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => {
      const socket = createConnection(port, '127.0.0.1');
      socket.once('connect', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    await sleep(100);
  }
  throw new Error('redis did not start');
}

/**
 * Starts a fresh, empty Redis with its files in `dir` and resolves with its URL: streams left by earlier
 * runs or by tests must not skew the numbers. It is stopped with the other child processes.
 */
export async function startPrivateRedis(dir) {
  execFileSync('bash', ['-c', `source ${join(root, 'tools/stack/install.sh')} && install_debian_packages`], {
    stdio: 'ignore',
  });
  const port = await freePort();
  const argv = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  start('redis-server', 'redis-server', [...argv, '--dir', dir]);
  await waitForRedis(port);
  return `redis://127.0.0.1:${port}`;
}

/**
 * Writes one API definition per entry of `apis` ({ id, keyless, track }) to `dir`/apps, proxying
 * /<id>/ to `upstreamUrl`; `track` false sets do_not_track (no analytics record for the API). Returns
 * the folders for the gateway's app and policy paths.
 */
export function writeApiFiles(dir, upstreamUrl, apis) {
  const files = { apps: join(dir, 'apps'), policies: join(dir, 'policies') };
  mkdirSync(files.apps, { recursive: true });
  mkdirSync(files.policies, { recursive: true });
  for (const api of apis)
    writeFileSync(join(files.apps, `${api.id}.json`), JSON.stringify(apiDefinition(upstreamUrl, api)));
  return files;
}

/**
 * The Tyk API definition the benchmarks serve: /<id>/ proxied to `upstreamUrl`, auth token unless
 * `keyless`, analytics unless `track` is false.
 */
export function apiDefinition(upstreamUrl, { id, keyless, track }) {
  return {
    api_id: id,
    org_id: 'bench',
    name: id,
    active: true,
    use_keyless: keyless,
    do_not_track: !track,
    proxy: { listen_path: `/${id}/`, target_url: upstreamUrl, strip_listen_path: true },
  };
}

/**
 * Starts the built gateway on a free port with the API files `files`, on `redisUrl` under the key
 * `prefix`; `env` adds or overrides settings. Resolves with { child, base } once /hello answers 200
 * (within `healthyTimeoutMs`: many API files take a while to load). `bundle`: a copy of the built
 * gateway to run instead of dist's.
 */
export async function startGateway(
  name,
  { files, redisUrl, prefix, env = {}, nodeArgs = [], healthyTimeoutMs = 20_000, bundle },
) {
  const port = await freePort();
  // A bundle copied out of dist still finds its dependencies in the repository's node_modules.
  const copied = bundle ? { NODE_PATH: join(root, 'node_modules') } : {};
  const child = start(
    name,
    process.execPath,
    [...GATEWAY_NODE_FLAGS, ...nodeArgs, bundle ?? appBundle('gateway')],
    {
      ...copied,
      GATEHOUSE_GATEWAY_LISTEN_ADDRESS: '127.0.0.1',
      GATEHOUSE_GATEWAY_LISTEN_PORT: String(port),
      GATEHOUSE_GATEWAY_SECRET: GATEWAY_SECRET,
      GATEHOUSE_GATEWAY_APP_PATH: files.apps,
      GATEHOUSE_GATEWAY_POLICIES_POLICY_PATH: files.policies,
      GATEHOUSE_GATEWAY_REDIS_URL: redisUrl,
      GATEHOUSE_GATEWAY_REDIS_KEY_PREFIX: prefix,
      GATEHOUSE_GATEWAY_HASH_KEY_FUNCTION: 'murmur64',
      GATEHOUSE_GATEWAY_KEY_HASHING_SECRET: 'bench-key-hashing-secret-0123456789abcdef',
      GATEHOUSE_GATEWAY_LOG_LEVEL: 'warn',
      GATEHOUSE_GATEWAY_WATCH_FILES: 'false',
      ...env,
    },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(child, `${base}/hello`, healthyTimeoutMs);
  return { child, base };
}
