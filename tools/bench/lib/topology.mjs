// The processes the propagation benchmark measures, on loopback: the upstream, the dashboard, one
// bridge, and one hybrid gateway per region on that region's Redis, fed by the bridge over gRPC.
import { createOrg } from './dashboard.mjs';
import { log } from './log.mjs';
import { freePort, start, startUpstream, waitHealthy } from './processes.mjs';
import { appBundle } from './repo.mjs';

const REGIONS = ['eu', 'us'];
const ADMIN_SECRET = 'bench-admin-secret-0123456789';
const GATEWAY_SECRET = 'bench-gateway-secret';
const KEY_HASHING_SECRET = 'bench-key-hashing-secret-0123456789abcdef';

/**
 * Starts everything against `stack`, with the run's own `database` and Redis key `prefix`, and waits
 * until each process is healthy; `remaining()` caps the waits. Resolves with the upstream's and the
 * dashboard's URLs, the org owner's auth header and the gateways ({ region, child, url }).
 */
export async function startTopology({ stack, database, prefix }, remaining) {
  const wait = (child, url) => waitHealthy(child, url, Math.min(20_000, remaining()));
  const upstream = await startUpstream();

  const dashboardPort = await freePort();
  const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
  const dashboard = start('dashboard', process.execPath, [appBundle('dashboard')], {
    GATEHOUSE_DASHBOARD_HTTP_PORT: String(dashboardPort),
    GATEHOUSE_DASHBOARD_MONGO_URL: stack.mongo,
    GATEHOUSE_DASHBOARD_MONGO_DATABASE: database,
    GATEHOUSE_DASHBOARD_REDIS_URL: stack.redis,
    GATEHOUSE_DASHBOARD_ADMIN_SECRET: ADMIN_SECRET,
    GATEHOUSE_DASHBOARD_KEY_HASHING_SECRET: KEY_HASHING_SECRET,
  });
  const [bridgeHttpPort, bridgeGrpcPort] = [await freePort(), await freePort()];
  const bridge = start('bridge', process.execPath, [appBundle('bridge')], {
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

  const gateways = [];
  for (const region of REGIONS) {
    const port = await freePort();
    const child = start(`gateway-${region}`, process.execPath, [appBundle('gateway')], {
      GATEHOUSE_GATEWAY_LISTEN_ADDRESS: '127.0.0.1',
      GATEHOUSE_GATEWAY_LISTEN_PORT: String(port),
      GATEHOUSE_GATEWAY_SECRET: GATEWAY_SECRET,
      GATEHOUSE_GATEWAY_REDIS_URL: stack[`redis-${region}`],
      GATEHOUSE_GATEWAY_REDIS_KEY_PREFIX: prefix,
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_USE_RPC: 'true',
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_CONNECTION_STRING: `127.0.0.1:${bridgeGrpcPort}`,
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_RPC_KEY: orgId,
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_API_KEY: nodeTokens[region],
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_GROUP_ID: region,
      GATEHOUSE_GATEWAY_HYBRID_NODE_ID: `bench-${region}`,
      GATEHOUSE_GATEWAY_LOG_LEVEL: 'warn',
    });
    gateways.push({ region, child, url: `http://127.0.0.1:${port}` });
  }
  for (const gateway of gateways) await wait(gateway.child, `${gateway.url}/health`);
  return { upstreamUrl: upstream.url, dashboardUrl, auth, gateways };
}
