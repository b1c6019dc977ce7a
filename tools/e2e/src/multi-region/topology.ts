import {
  freePort,
  stackService,
  StartedProcess,
  StackService,
  TEST_KEY_HASHING_SECRET,
  uniqueName,
} from '@gatehouse/shared-testing';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startApp, waitForHealthy } from '../app-process';
import { ControlPlaneClient } from './control-plane-client';
import { FaultProxy } from './fault-proxy';
import { TopologyTls } from './topology-tls';

export type RegionName = 'eu' | 'us';

export interface TopologyOptions {
  /** Environment for every gateway of the topology, over the defaults (a gateway's own `extraEnv` wins). */
  gatewayEnv?: Record<string, string>;
  /** Environment for the dashboard, over the defaults (e.g. the console's folder). */
  dashboardEnv?: Record<string, string>;
}

const ADMIN_SECRET = 'e2e-admin-secret-0123456789';
/** The gateways' Tyk Gateway API secret (x-tyk-authorization). */
export const GATEWAY_SECRET = 'e2e-gateway-secret';

export interface RunningBridge {
  process: StartedProcess;
  grpcPort: number;
}

export interface RunningGateway {
  nodeId: string;
  process: StartedProcess;
  url: string;
}

export interface Region {
  name: RegionName;
  redisUrl: string;
  /** One fault proxy per bridge, between this region and the control plane. */
  proxies: FaultProxy[];
  addresses: string[];
  nodeToken: string;
  gateways: RunningGateway[];
}

/**
 * The multi-region topology as separate processes on loopback: a MongoDB-compatible server and Redis
 * (from tools/stack), the dashboard, two bridges, and regions eu (own Redis, two gateways) and us (own
 * Redis, one gateway) that reach the bridges only through fault proxies, over mutual TLS.
 */
export class Topology {
  readonly database = uniqueName('multiregion');
  /** The control plane's analytics stream, of this run only (bridges write it, a central pump reads it). */
  readonly analyticsStream = `${this.database}:analytics`;
  /** Each region's gateway analytics stream (the gateways' Redis key prefix applies to it). */
  readonly regionalAnalyticsStream = `${this.database}:gatehouse:analytics`;
  readonly regions = {} as Record<RegionName, Region>;
  readonly bridges: RunningBridge[] = [];
  control!: ControlPlaneClient;
  tls!: TopologyTls;
  orgId = '';
  upstreamUrl = '';
  private dashboard?: StartedProcess;
  private upstream?: Server;

  constructor(private readonly options: TopologyOptions = {}) {}

  async start(): Promise<void> {
    this.upstream = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url }));
    });
    await new Promise<void>((resolve) => this.upstream?.listen(0, '127.0.0.1', resolve));
    this.upstreamUrl = `http://127.0.0.1:${(this.upstream.address() as AddressInfo).port}`;
    this.tls = await TopologyTls.create();
    await this.startDashboard();
    await Promise.all([this.startBridge(), this.startBridge()]);
    this.control = await ControlPlaneClient.createOrg(this.dashboardUrl, ADMIN_SECRET, 'multiregion');
    for (const name of ['eu', 'us'] as const) {
      const group = await this.control.must<{ orgId: string }>('POST', '/gateway-groups', {
        groupId: name,
        name: name.toUpperCase(),
        region: name,
        tags: [name],
      });
      this.orgId = group.orgId;
      const { token } = await this.control.must<{ token: string }>('POST', `/gateway-groups/${name}/tokens`);
      const proxies = this.bridges.map((bridge) => new FaultProxy('127.0.0.1', bridge.grpcPort));
      const addresses = await Promise.all(proxies.map((proxy) => proxy.start()));
      this.regions[name] = {
        name,
        redisUrl: stackService(`redis-${name}` as StackService),
        proxies,
        addresses,
        nodeToken: token,
        gateways: [],
      };
    }
    await Promise.all([
      this.startGateway('eu', 'eu-1'),
      this.startGateway('eu', 'eu-2'),
      this.startGateway('us', 'us-1'),
    ]);
  }

  dashboardUrl = '';

  private async startDashboard(): Promise<void> {
    const port = await freePort();
    this.dashboardUrl = `http://127.0.0.1:${port}`;
    this.dashboard = startApp('dashboard', {
      GATEHOUSE_DASHBOARD_HTTP_PORT: String(port),
      GATEHOUSE_DASHBOARD_MONGO_URL: stackService('mongo'),
      GATEHOUSE_DASHBOARD_MONGO_DATABASE: this.database,
      GATEHOUSE_DASHBOARD_REDIS_URL: stackService('redis'),
      GATEHOUSE_DASHBOARD_ADMIN_SECRET: ADMIN_SECRET,
      GATEHOUSE_DASHBOARD_KEY_HASHING_SECRET: TEST_KEY_HASHING_SECRET,
      ...this.options.dashboardEnv,
    });
    await waitForHealthy(this.dashboard, `${this.dashboardUrl}/health`);
  }

  private async startBridge(): Promise<void> {
    const [httpPort, grpcPort] = [await freePort(), await freePort()];
    const bridge = startApp('bridge', {
      GATEHOUSE_BRIDGE_HTTP_PORT: String(httpPort),
      GATEHOUSE_BRIDGE_GRPC_PORT: String(grpcPort),
      GATEHOUSE_BRIDGE_MONGO_URL: stackService('mongo'),
      GATEHOUSE_BRIDGE_MONGO_DATABASE: this.database,
      GATEHOUSE_BRIDGE_REDIS_URL: stackService('redis'),
      GATEHOUSE_BRIDGE_KEY_HASHING_SECRET: TEST_KEY_HASHING_SECRET,
      GATEHOUSE_BRIDGE_WATCH_HEARTBEAT_MS: '500',
      GATEHOUSE_BRIDGE_ANALYTICS_STREAM: this.analyticsStream,
      ...this.tls.bridgeEnv(),
    });
    await waitForHealthy(bridge, `http://127.0.0.1:${httpPort}/health`);
    this.bridges.push({ process: bridge, grpcPort });
  }

  /** Starts a hybrid gateway of the region's group; resolves once it listens. */
  async startGateway(
    regionName: RegionName,
    nodeId: string,
    extraEnv: Record<string, string> = {},
  ): Promise<RunningGateway> {
    const port = await freePort();
    const gateway = this.launchGateway(regionName, nodeId, port, extraEnv);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealthy(gateway, `${url}/health`);
    const running = { nodeId, process: gateway, url };
    this.regions[regionName].gateways.push(running);
    return running;
  }

  /** Starts a hybrid gateway process on `port` without waiting for it (it may fail to start). */
  launchGateway(
    regionName: RegionName,
    nodeId: string,
    port: number,
    extraEnv: Record<string, string> = {},
  ): StartedProcess {
    const region = this.regions[regionName];
    return startApp('gateway', {
      GATEHOUSE_GATEWAY_LISTEN_ADDRESS: '127.0.0.1',
      GATEHOUSE_GATEWAY_LISTEN_PORT: String(port),
      GATEHOUSE_GATEWAY_SECRET: GATEWAY_SECRET,
      GATEHOUSE_GATEWAY_REDIS_URL: region.redisUrl,
      // One regional Redis serves many test runs; a prefix keeps this run's keys and snapshot apart.
      GATEHOUSE_GATEWAY_REDIS_KEY_PREFIX: `${this.database}:`,
      // Both switches for hybrid mode are exercised: Tyk's in eu, Gatehouse's own in us.
      ...(regionName === 'eu'
        ? { GATEHOUSE_GATEWAY_SLAVE_OPTIONS_USE_RPC: 'true' }
        : { GATEHOUSE_GATEWAY_MODE: 'hybrid' }),
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_CONNECTION_STRING: region.addresses.join(','),
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_RPC_KEY: this.orgId,
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_API_KEY: region.nodeToken,
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_GROUP_ID: regionName,
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_CALL_TIMEOUT: '2',
      ...this.tls.gatewayEnv(regionName),
      GATEHOUSE_GATEWAY_HYBRID_NODE_ID: nodeId,
      GATEHOUSE_GATEWAY_HYBRID_STALL_TIMEOUT_MS: '3000',
      GATEHOUSE_GATEWAY_HYBRID_RECONNECT_MAX_MS: '1000',
      GATEHOUSE_GATEWAY_HYBRID_STATUS_INTERVAL_MS: '500',
      GATEHOUSE_GATEWAY_HYBRID_INITIAL_SYNC_TIMEOUT_MS: '3000',
      GATEHOUSE_GATEWAY_LOCAL_SESSION_CACHE_CACHED_SESSION_TIMEOUT: '1',
      GATEHOUSE_GATEWAY_ENABLE_ANALYTICS: 'true',
      GATEHOUSE_GATEWAY_ANALYTICS_STREAM_FLUSH_INTERVAL_MS: '200',
      ...this.options.gatewayEnv,
      ...extraEnv,
    });
  }

  async stopGateway(regionName: RegionName, nodeId: string): Promise<void> {
    const region = this.regions[regionName];
    const index = region.gateways.findIndex((gateway) => gateway.nodeId === nodeId);
    const [gateway] = region.gateways.splice(index, 1);
    await gateway.process.stop('SIGTERM');
  }

  partition(regionName: RegionName): void {
    for (const proxy of this.regions[regionName].proxies) proxy.partition();
  }

  heal(regionName: RegionName): void {
    for (const proxy of this.regions[regionName].proxies) proxy.heal();
  }

  allGateways(): RunningGateway[] {
    return [...this.regions.eu.gateways, ...this.regions.us.gateways];
  }

  async stop(): Promise<void> {
    const processes = [
      ...Object.values(this.regions).flatMap((region) => region.gateways.map((gateway) => gateway.process)),
      ...this.bridges.map((bridge) => bridge.process),
      ...(this.dashboard ? [this.dashboard] : []),
    ];
    await Promise.all(processes.map((process) => process.stop('SIGKILL')));
    await Promise.all(
      Object.values(this.regions).flatMap((region) => region.proxies.map((proxy) => proxy.close())),
    );
    await new Promise((resolve) => (this.upstream ? this.upstream.close(resolve) : resolve(undefined)));
  }

  /** What the processes wrote (the last `tail` characters of each), for checks and failure messages. */
  output(tail = 4000): string {
    const named = [
      ...(this.dashboard ? [['dashboard', this.dashboard] as const] : []),
      ...this.bridges.map((bridge, index) => [`bridge-${index}`, bridge.process] as const),
      ...this.allGateways().map((gateway) => [gateway.nodeId, gateway.process] as const),
    ];
    return named.map(([name, process]) => `--- ${name} ---\n${process.output().slice(-tail)}`).join('\n');
  }
}
