import {
  ApiRepository,
  connectMongo,
  GatewayGroupRepository,
  KeyRepository,
  MongoConnection,
  NodeTokenRepository,
  Revisions,
} from '@gatehouse/shared-control-plane-db';
import { mintSecret, trustedOrgId } from '@gatehouse/shared-kernel';
import { createLogger } from '@gatehouse/shared-observability';
import { BridgeClient, GrpcStatus, WatchResponse } from '@gatehouse/shared-proto';
import {
  freePort,
  stackService,
  TEST_KEY_HASHING_SECRET,
  uniqueName,
  waitFor,
} from '@gatehouse/shared-testing';

import { bridgeConfigSchema } from './bridge.config';
import { RunningBridge, startBridge } from './bridge-app';

const acme = trustedOrgId('acme');
const globex = trustedOrgId('globex');
// A variable (not a literal at the call), so KeyFields with or without the key-hashing change's `ref` takes it.
const keyFields = {
  ref: 'feedfacecafe',
  alias: '',
  policyIds: [],
  apiIds: ['orders'],
  inactive: false,
  expires: 0,
};

interface OpenWatch {
  messages: WatchResponse[];
  /** Settles when the stream ends: `{}` for a clean end, else the gRPC status. */
  ended: Promise<{ code?: number; details?: string }>;
  done: boolean;
  cancel(): void;
}

function watch(client: BridgeClient, nodeId: string): OpenWatch {
  const stream = client.watch({ nodeId, cursor: 0 });
  const opened: OpenWatch = {
    messages: [],
    done: false,
    ended: new Promise((resolve) => {
      stream.on('error', (error: { code?: number; details?: string }) => resolve(error));
      stream.on('end', () => resolve({}));
    }),
    cancel: () => stream.cancel(),
  };
  void opened.ended.then(() => (opened.done = true));
  stream.on('data', (message: WatchResponse) => opened.messages.push(message));
  return opened;
}

const heartbeatOf = (opened: OpenWatch) => opened.messages.some((message) => message.heartbeat);

describe('bridge limits: one Watch per node, stream and call shares per token and org (real services, gRPC)', () => {
  const database = uniqueName('bridge-limits');
  const acmeToken = mintSecret('ghn');
  const globexTokens = [mintSecret('ghn'), mintSecret('ghn')];
  const clients: BridgeClient[] = [];
  const streams: OpenWatch[] = [];
  let mongo: MongoConnection;
  let bridge: RunningBridge;
  let keys: KeyRepository;

  const client = (token: string) => {
    // Each org's calls get a deadline: "answered promptly" means within it, never a timing number.
    const created = new BridgeClient(bridge.grpcAddress, token, { callTimeoutMs: 3000 });
    clients.push(created);
    return created;
  };
  const open = (via: BridgeClient, nodeId: string) => {
    const opened = watch(via, nodeId);
    streams.push(opened);
    return opened;
  };
  const metric = async (name: string) => {
    const text = await (await fetch(`${bridge.httpUrl}/metrics`)).text();
    return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, 'm').exec(text)?.[1]);
  };

  beforeAll(async () => {
    mongo = await connectMongo({ url: stackService('mongo'), database, appName: 'bridge-limits-spec' });
    const groups = new GatewayGroupRepository(mongo.db);
    const tokens = new NodeTokenRepository(mongo.db);
    const revisions = new Revisions(mongo.db);
    keys = new KeyRepository(mongo.db, revisions);
    await groups.save({ orgId: 'acme', groupId: 'eu', name: 'EU', region: 'eu', tags: [] });
    await groups.save({ orgId: 'globex', groupId: 'eu', name: 'EU', region: 'eu', tags: [] });
    await groups.save({ orgId: 'globex', groupId: 'us', name: 'US', region: 'us', tags: [] });
    await tokens.register(acmeToken, { orgId: 'acme', groupId: 'eu' });
    await tokens.register(globexTokens[0], { orgId: 'globex', groupId: 'eu' });
    await tokens.register(globexTokens[1], { orgId: 'globex', groupId: 'us' });
    const apis = new ApiRepository(mongo.db, revisions);
    const apiFields = { listenPath: '/orders', domain: '', tags: [], active: true };
    await apis.save(acme, 'orders', { api_id: 'orders' }, apiFields);
    await apis.save(globex, 'orders', { api_id: 'orders' }, apiFields);
    const config = bridgeConfigSchema.parse({
      grpc: { port: await freePort(), allowInsecure: true },
      http: { port: 0 },
      mongo: { url: stackService('mongo'), database },
      redis: { url: stackService('redis') },
      // Set while the key-hashing change lands (a secret is required there); ignored where it is not.
      keyHashing: { secret: TEST_KEY_HASHING_SECRET },
      watch: { heartbeatMs: 300, pollMs: 30_000, lookBack: 0 },
      limits: {
        watchStreamsPerToken: 4,
        watchStreamsPerOrg: 6,
        callsPerSecondPerToken: 20,
        callBurstPerToken: 40,
      },
    });
    bridge = await startBridge(config, createLogger({ name: 'bridge', level: 'silent', format: 'json' }));
  });

  afterAll(async () => {
    for (const opened of streams) opened.cancel();
    for (const created of clients) created.close();
    await bridge?.close();
    await mongo?.db.dropDatabase();
    await mongo?.client.close();
  });

  it('keeps exactly one Watch session per node: a reconnecting node replaces (ends) its previous stream', async () => {
    const via = client(acmeToken);
    const attempts: OpenWatch[] = [];
    for (let i = 0; i < 4; i++) {
      // The same gateway reconnecting, as after a stall, without closing its old stream.
      attempts.push(open(via, 'acme-gw-1'));
      await waitFor(() => heartbeatOf(attempts[i]), { description: `reconnect ${i} to be watching` });
    }
    await waitFor(() => attempts.slice(0, 3).every((attempt) => attempt.done), {
      description: 'the three older streams of the node to be ended',
    });
    const ended = await Promise.all(attempts.slice(0, 3).map((attempt) => attempt.ended));
    for (const status of ended) {
      expect(status.code).toBe(GrpcStatus.ALREADY_EXISTS);
      expect(status.details).toContain("a newer Watch of node 'acme-gw-1' replaced this one");
    }
    expect(attempts[3].done).toBe(false);
    expect(await metric('gatehouse_bridge_watch_streams')).toBe(1);
    expect(await metric('gatehouse_bridge_watch_replaced_total')).toBe(3);
    attempts[3].cancel();
    await waitFor(async () => (await metric('gatehouse_bridge_watch_streams')) === 0, {
      description: 'the cancelled stream to leave the registry',
    });
  });

  it("refuses org B's flood of Watch streams and calls past its share while org A's GetKey finds a new key", async () => {
    const [euVia, usVia] = globexTokens.map(client);
    // Org B: 20 gateways (two groups) open Watch streams at once.
    const flood = Array.from({ length: 20 }, (_, i) => open(i % 2 ? usVia : euVia, `globex-gw-${i}`));
    await waitFor(() => flood.filter((opened) => opened.done).length === 14, {
      description: '14 of org B’s streams to be refused',
    });
    const refused = await Promise.all(flood.filter((opened) => opened.done).map((opened) => opened.ended));
    for (const status of refused) {
      expect(status.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
      expect(status.details).toMatch(
        /this node token already has 4 Watch streams|org 'globex' already has 6 Watch/,
      );
    }
    await waitFor(() => flood.filter((opened) => !opened.done).every(heartbeatOf), {
      description: 'the six admitted streams of org B to be watching',
    });
    // Org B also floods GetKey while org A creates a key and asks for it.
    const lookups = Array.from({ length: 200 }, (_, i) =>
      euVia.getKey({ keyHash: (0xa000_0000 + i).toString(16).padStart(16, '0') }).then(
        () => 'found',
        (error: { code?: number }) => error.code,
      ),
    );
    const created = await keys.save(acme, 'feedfacecafe0001', { org_id: 'acme', rate: 5 }, keyFields);
    const acmeClient = client(acmeToken);
    const found = await acmeClient.getKey({ keyHash: 'feedfacecafe0001' });
    expect(found.rev).toBe(created.rev);
    expect(JSON.parse(found.sessionJson)).toMatchObject({ org_id: 'acme', rate: 5 });
    // Org A is untouched by org B's stream cap too.
    const acmeWatch = open(acmeClient, 'acme-gw-2');
    await waitFor(() => heartbeatOf(acmeWatch), { description: "org A's new Watch to be served" });
    const outcomes = await Promise.all(lookups);
    expect(outcomes).toContain(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(outcomes.filter((outcome) => outcome !== GrpcStatus.RESOURCE_EXHAUSTED)).not.toContain('found');
    expect(await metric('gatehouse_bridge_watch_streams')).toBe(7);
  });
});
