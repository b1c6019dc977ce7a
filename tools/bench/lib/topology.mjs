// The processes the propagation benchmark measures, on loopback: the upstream, the dashboard, one
// bridge, and one hybrid gateway per region on that region's Redis, fed by the bridge over gRPC. The
// control plane and the gateways start separately, so that a run can fill the control plane first.
import { execFileSync } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { createOrg } from './dashboard.mjs';
import { log } from './log.mjs';
import { until } from './probe.mjs';
import { freePort, start, startUpstream, waitHealthy } from './processes.mjs';
import { appBundle, root } from './repo.mjs';
import { GATEWAY_NODE_FLAGS } from './standalone-gateway.mjs';

const REGIONS = ['eu', 'us'];
const ADMIN_SECRET = 'bench-admin-secret-0123456789';
const GATEWAY_SECRET = 'bench-gateway-secret';
const KEY_HASHING_SECRET = 'bench-key-hashing-secret-0123456789abcdef';
/**
 * The gateways' key-cache TTL (s), far beyond a run's length: the key-cache check counts misses over
 * the propagation phase, and with the default 10 s a miss could come from expiry instead of an eviction.
 */
export const KEY_CACHE_TTL_S = 3600;
/** How often a starting gateway is asked for its first seeded API: coarse enough not to load its start. */
const SYNC_POLL_MS = 10;

/**
 * Copies each app's dist folder into the run's directory (under the repository, so the copies still
 * find node_modules) and creates the folder for the processes' logs. Another engineer's rebuild of dist
 * during the run can then neither mix two builds nor break a process that starts later.
 */
export function prepareRunDir(runId, apps) {
  const dir = join(root, '.cache/bench/propagation', runId);
  const bundles = {};
  const builtAt = {};
  for (const app of apps) {
    const source = join(root, 'dist/apps', app);
    cpSync(source, join(dir, 'apps', app), { recursive: true });
    bundles[app] = join(dir, 'apps', app, 'main.js');
    builtAt[app] = statSync(appBundle(app)).mtime.toISOString();
  }
  mkdirSync(join(dir, 'logs'), { recursive: true });
  return { dir, logs: join(dir, 'logs'), bundles, builtAt };
}

/** The run directory without its bundle copies: the logs stay for reading after the run. */
export function removeBundles(runDir) {
  rmSync(join(runDir.dir, 'apps'), { recursive: true, force: true });
}

/** Starts an app from the run's bundle copy, its whole output also written to logs/<name>.log. */
function startApp(runDir, name, app, env) {
  const flags = app === 'gateway' ? GATEWAY_NODE_FLAGS : [];
  const child = start(name, process.execPath, [...flags, runDir.bundles[app]], env);
  const file = createWriteStream(join(runDir.logs, `${name}.log`));
  child.stdout.pipe(file, { end: false });
  child.stderr.pipe(file, { end: false });
  child.once('exit', () => file.end());
  return child;
}

/**
 * Starts the upstream, the dashboard and the bridge against `stack`, with the run's own `database`,
 * then creates the org with one gateway group and node token per region; `remaining()` caps the waits.
 * `dashboardEnv` adds dashboard settings (the seeding's write limits). Resolves with the upstream's and
 * the dashboard's URLs, the org owner's auth header, and what the gateways need to connect.
 */
export async function startControlPlane({ stack, database, runDir }, remaining, dashboardEnv = {}) {
  const wait = (child, url) => waitHealthy(child, url, Math.min(20_000, remaining()));
  const upstream = await startUpstream();

  const dashboardPort = await freePort();
  const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
  const dashboard = startApp(runDir, 'dashboard', 'dashboard', {
    NODE_PATH: join(root, 'node_modules'),
    GATEHOUSE_DASHBOARD_HTTP_PORT: String(dashboardPort),
    GATEHOUSE_DASHBOARD_MONGO_URL: stack.mongo,
    GATEHOUSE_DASHBOARD_MONGO_DATABASE: database,
    GATEHOUSE_DASHBOARD_REDIS_URL: stack.redis,
    GATEHOUSE_DASHBOARD_ADMIN_SECRET: ADMIN_SECRET,
    GATEHOUSE_DASHBOARD_KEY_HASHING_SECRET: KEY_HASHING_SECRET,
    ...dashboardEnv,
  });
  // Mutual TLS between the gateways and the bridge, as production runs it (see tools/demo/dev-tls.sh).
  const tlsDir = join(runDir.dir, 'tls');
  execFileSync('bash', [join(root, 'tools/demo/dev-tls.sh'), tlsDir]);
  const [bridgeHttpPort, bridgeGrpcPort] = [await freePort(), await freePort()];
  const bridge = startApp(runDir, 'bridge', 'bridge', {
    GATEHOUSE_BRIDGE_GRPC_TLS_CERT_FILE: join(tlsDir, 'bridge.crt'),
    GATEHOUSE_BRIDGE_GRPC_TLS_KEY_FILE: join(tlsDir, 'bridge.key'),
    GATEHOUSE_BRIDGE_GRPC_TLS_CLIENT_CA_FILE: join(tlsDir, 'ca.crt'),
    NODE_PATH: join(root, 'node_modules'),
    GATEHOUSE_BRIDGE_HTTP_PORT: String(bridgeHttpPort),
    GATEHOUSE_BRIDGE_GRPC_PORT: String(bridgeGrpcPort),
    GATEHOUSE_BRIDGE_MONGO_URL: stack.mongo,
    GATEHOUSE_BRIDGE_MONGO_DATABASE: database,
    GATEHOUSE_BRIDGE_REDIS_URL: stack.redis,
    GATEHOUSE_BRIDGE_KEY_HASHING_SECRET: KEY_HASHING_SECRET,
  });
  await wait(upstream.child, `${upstream.url}/`);
  await wait(dashboard, `${dashboardUrl}/health`);
  await wait(bridge, `http://127.0.0.1:${bridgeHttpPort}/health`);

  log('creating the org, gateway groups eu and us, and node tokens');
  const { auth, orgId, nodeTokens } = await createOrg(dashboardUrl, ADMIN_SECRET, REGIONS);
  return { upstreamUrl: upstream.url, dashboardUrl, auth, orgId, nodeTokens, bridgeGrpcPort, tlsDir };
}

/**
 * Starts one hybrid gateway per region at once and waits until each is healthy (which a hybrid gateway
 * is only once its first configuration is loaded) within `syncTimeoutMs`. With `probeApiId`, each
 * gateway is also asked for that API from the moment it is spawned, every SYNC_POLL_MS, until it
 * answers 200. Resolves with the gateways ({ region, child, url, healthyMs, firstServedMs }), times in
 * ms since each gateway's spawn; firstServedMs is undefined without a probe or when it never answered.
 */
export async function startGateways(
  { orgId, nodeTokens, bridgeGrpcPort, tlsDir },
  { stack, prefix, runDir },
  { syncTimeoutMs, probeApiId },
) {
  const ports = [];
  for (let i = 0; i < REGIONS.length; i++) ports.push(await freePort());
  const starting = REGIONS.map((region, i) => {
    const url = `http://127.0.0.1:${ports[i]}`;
    const t0 = performance.now();
    const child = startApp(runDir, `gateway-${region}`, 'gateway', {
      NODE_PATH: join(root, 'node_modules'),
      GATEHOUSE_GATEWAY_LISTEN_ADDRESS: '127.0.0.1',
      GATEHOUSE_GATEWAY_LISTEN_PORT: String(ports[i]),
      GATEHOUSE_GATEWAY_SECRET: GATEWAY_SECRET,
      GATEHOUSE_GATEWAY_REDIS_URL: stack[`redis-${region}`],
      GATEHOUSE_GATEWAY_REDIS_KEY_PREFIX: prefix,
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_USE_RPC: 'true',
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_CONNECTION_STRING: `127.0.0.1:${bridgeGrpcPort}`,
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_RPC_KEY: orgId,
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_API_KEY: nodeTokens[region],
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_GROUP_ID: region,
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_USE_SSL: 'true',
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_CA_FILE: join(tlsDir, 'ca.crt'),
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_CERT_FILE: join(tlsDir, `client-${region}.crt`),
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_KEY_FILE: join(tlsDir, `client-${region}.key`),
      GATEHOUSE_GATEWAY_HYBRID_NODE_ID: `bench-${region}`,
      GATEHOUSE_GATEWAY_LOCAL_SESSION_CACHE_CACHED_SESSION_TIMEOUT: String(KEY_CACHE_TTL_S),
      GATEHOUSE_GATEWAY_LOG_LEVEL: 'warn',
    });
    const served = probeApiId
      ? until(`${url}/${probeApiId}/`, 200, { t0, timeoutMs: syncTimeoutMs, pollMs: SYNC_POLL_MS })
      : Promise.resolve(undefined);
    const healthy = waitHealthy(child, `${url}/health`, syncTimeoutMs).then(() => performance.now() - t0);
    return { region, child, url, served, healthy };
  });
  return Promise.all(
    starting.map(async ({ region, child, url, served, healthy }) => {
      const [healthyMs, firstServedMs] = await Promise.all([healthy, served]);
      return { region, child, url, healthyMs, firstServedMs };
    }),
  );
}
