import {
  connectMongo,
  GatewayGroupRepository,
  GatewayNodeRepository,
  MongoConnection,
  nodeTokenId,
  NodeTokenRepository,
} from '@gatehouse/shared-control-plane-db';
import { mintSecret } from '@gatehouse/shared-kernel';
import { createLogger } from '@gatehouse/shared-observability';
import { BridgeClient, HandshakeRequest } from '@gatehouse/shared-proto';
import { freePort, stackService, TEST_KEY_HASHING_SECRET, uniqueName } from '@gatehouse/shared-testing';
import * as grpc from '@grpc/grpc-js';

import { bridgeConfigSchema } from './bridge.config';
import { RunningBridge, startBridge } from './bridge-app';

describe('bridge (real MongoDB, Redis and gRPC over loopback)', () => {
  const database = uniqueName('bridge');
  const token = mintSecret('ghn');
  const request: HandshakeRequest = {
    orgId: 'acme',
    groupId: 'eu',
    nodeId: 'gw-eu-1',
    version: '0.1.0',
    tags: [],
  };
  let mongo: MongoConnection;
  let bridge: RunningBridge;
  let client: BridgeClient;
  const clients: BridgeClient[] = [];
  const withToken = (raw: string) => {
    const created = new BridgeClient(bridge.grpcAddress, raw);
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    mongo = await connectMongo({ url: stackService('mongo'), database, appName: 'bridge-int-spec' });
    await new GatewayGroupRepository(mongo.db).save({
      orgId: 'acme',
      groupId: 'eu',
      name: 'EU',
      region: 'eu-west',
      tags: ['eu'],
    });
    await new NodeTokenRepository(mongo.db).register(token, { orgId: 'acme', groupId: 'eu' });
    const config = bridgeConfigSchema.parse({
      keyHashing: { secret: TEST_KEY_HASHING_SECRET },
      grpc: { port: await freePort(), allowInsecure: true },
      http: { port: 0 },
      mongo: { url: stackService('mongo'), database },
      redis: { url: stackService('redis') },
    });
    bridge = await startBridge(config, createLogger({ name: 'bridge', level: 'silent', format: 'json' }));
    client = withToken(token);
  });

  afterAll(async () => {
    for (const created of clients) created.close();
    await bridge?.close();
    await mongo?.db.dropDatabase();
    await mongo?.client.close();
  });

  it('round-trips a Handshake with a valid node token', async () => {
    const response = await client.handshake(request);
    expect(response).toMatchObject({ orgId: 'acme', groupId: 'eu', tags: ['eu'], bridgeVersion: '0.1.0' });
    expect(response.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(response.serverTimeMs - Date.now())).toBeLessThan(5000);
  });

  it("records the admitted node in MongoDB for the dashboard's view of the group", async () => {
    const before = new Date(Date.now() - 1000);
    await client.handshake(request);
    const nodes = await new GatewayNodeRepository(mongo.db).listSeenSince('acme', 'eu', before);
    // With the token it used, as the dashboard's token list names it: who still uses an old token.
    expect(nodes).toEqual([
      expect.objectContaining({ nodeId: 'gw-eu-1', version: '0.1.0', tokenId: nodeTokenId(token) }),
    ]);
    expect(await new GatewayNodeRepository(mongo.db).listSeenSince('globex', 'eu', new Date(0))).toEqual([]);
  });

  it('answers UNAUTHENTICATED without a token or with an unknown one', async () => {
    await expect(withToken('').handshake(request)).rejects.toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
    });
    await expect(withToken(mintSecret('ghn')).handshake(request)).rejects.toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
      details: 'unknown or revoked node token',
    });
  });

  it('answers PERMISSION_DENIED when a token is used for another org', async () => {
    await expect(client.handshake({ ...request, orgId: 'globex' })).rejects.toMatchObject({
      code: grpc.status.PERMISSION_DENIED,
    });
  });

  it('answers INVALID_ARGUMENT naming the bad field', async () => {
    await expect(client.handshake({ ...request, nodeId: '' })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('nodeId'),
    });
  });

  it('stops accepting a token once it is revoked', async () => {
    const revocable = mintSecret('ghn');
    const tokens = new NodeTokenRepository(mongo.db);
    await tokens.register(revocable, { orgId: 'acme', groupId: 'eu' });
    await expect(withToken(revocable).handshake(request)).resolves.toMatchObject({ groupId: 'eu' });
    await tokens.revoke('acme', revocable);
    await expect(withToken(revocable).handshake(request)).rejects.toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
    });
  });

  it('reports MongoDB and Redis healthy on /health', async () => {
    const response = await fetch(`${bridge.httpUrl}/health`);
    const body = (await response.json()) as { status: string; checks: Record<string, { status: string }> };
    expect(response.status).toBe(200);
    expect(body.status).toBe('pass');
    expect(body.checks['mongodb'].status).toBe('pass');
    expect(body.checks['redis'].status).toBe('pass');
  });
});
