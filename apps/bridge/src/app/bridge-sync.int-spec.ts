import {
  AnnouncementSeal,
  ApiRepository,
  CHANGES_CHANNEL,
  ChangeLogHorizon,
  ChangeNotifier,
  connectMongo,
  GatewayGroupRepository,
  GatewayNodeRepository,
  KeyRepository,
  logEntryOf,
  MongoConnection,
  NodeTokenRepository,
  PolicyRepository,
  Revisions,
} from '@gatehouse/shared-control-plane-db';
import { connectRedis } from '@gatehouse/shared-redis';
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
import type { Redis } from 'ioredis';

import { bridgeConfigSchema } from './bridge.config';
import { RunningBridge, startBridge } from './bridge-app';

const acme = trustedOrgId('acme');
const globex = trustedOrgId('globex');
const apiFields = (tags: string[]) => ({ listenPath: '/x', domain: '', tags, active: true });
const keyFields = {
  ref: '0123456789abcdef',
  alias: '',
  policyIds: [],
  apiIds: ['a'],
  inactive: false,
  expires: 0,
};

/** Collects a Watch stream's messages until closed. */
function watch(client: BridgeClient, cursor: number) {
  const messages: WatchResponse[] = [];
  const stream = client.watch({ nodeId: 'spec-node', cursor });
  const ended = new Promise<{ code?: number; details?: string }>((resolve) => {
    stream.on('error', (error: { code?: number; details?: string }) => resolve(error));
    stream.on('end', () => resolve({}));
  });
  stream.on('data', (message: WatchResponse) => messages.push(message));
  return { messages, ended, cancel: () => stream.cancel() };
}

/** The first change a stream ships within 1 s (a wake-up, not the poll); the stream is then closed. */
async function firstChange(session: ReturnType<typeof watch>) {
  await waitFor(() => session.messages.some((message) => message.change), {
    timeoutMs: 1000,
    description: 'the API change',
  });
  session.cancel();
  return session.messages.find((message) => message.change)?.change;
}

/**
 * The log entry of an API version with a document the database does not hold: what a stream ships
 * then shows that it came from the announcement, not from reading the change log.
 */
const markedAsAnnounced = (saved: Parameters<typeof logEntryOf>[1]) => ({
  ...logEntryOf('api', saved),
  document: { api_id: 'eu-only', v: 'announced' },
});

const idsOf = (messages: WatchResponse[], field: 'api' | 'policy') =>
  messages.flatMap((message) => (message[field] ? [message[field].id] : []));

describe('bridge Watch, GetKey, ReportStatus and ReportAnalytics (real MongoDB, Redis, gRPC)', () => {
  const database = uniqueName('bridge-sync');
  const analyticsStream = uniqueName('analytics');
  const token = mintSecret('ghn');
  let mongo: MongoConnection;
  let redis: Redis;
  let bridge: RunningBridge;
  let client: BridgeClient;
  let apis: ApiRepository;
  let policies: PolicyRepository;
  let keys: KeyRepository;
  let notifier: ChangeNotifier;
  let groups: GatewayGroupRepository;

  beforeAll(async () => {
    mongo = await connectMongo({ url: stackService('mongo'), database, appName: 'bridge-sync-spec' });
    redis = await connectRedis({ url: stackService('redis'), connectionName: 'spec' }, 2000);
    const revisions = new Revisions(mongo.db);
    apis = new ApiRepository(mongo.db, revisions);
    policies = new PolicyRepository(mongo.db, revisions);
    keys = new KeyRepository(mongo.db, revisions);
    notifier = new ChangeNotifier(redis, await AnnouncementSeal.of(mongo.db));
    groups = new GatewayGroupRepository(mongo.db);
    await groups.save({ orgId: 'acme', groupId: 'eu', name: 'EU', region: 'eu', tags: ['eu'] });
    await new NodeTokenRepository(mongo.db).register(token, { orgId: 'acme', groupId: 'eu' });
    await apis.save(acme, 'everywhere', { api_id: 'everywhere' }, apiFields([]));
    await apis.save(acme, 'eu-only', { api_id: 'eu-only' }, apiFields(['eu']));
    await apis.save(acme, 'us-only', { api_id: 'us-only' }, apiFields(['us']));
    await apis.save(globex, 'theirs', { api_id: 'theirs' }, apiFields([]));
    await policies.save(acme, 'gold', { id: 'gold' }, { name: 'Gold', tags: [], active: true });
    const config = bridgeConfigSchema.parse({
      keyHashing: { secret: TEST_KEY_HASHING_SECRET },
      grpc: { port: await freePort(), allowInsecure: true },
      http: { port: 0 },
      mongo: { url: stackService('mongo'), database },
      redis: { url: stackService('redis') },
      // Polling is slow on purpose: a change seen within a second came by the Redis wake-up.
      watch: { heartbeatMs: 500, pollMs: 30_000, lookBack: 0 },
      analytics: { stream: analyticsStream },
    });
    bridge = await startBridge(config, createLogger({ name: 'bridge', level: 'silent', format: 'json' }));
    client = new BridgeClient(bridge.grpcAddress, token);
  });

  /** A Watch from the highest revision now, once its first heartbeat shows it is following. */
  async function watchFromNow() {
    const session = watch(client, await new Revisions(mongo.db).highest());
    await waitFor(() => session.messages.some((message) => message.heartbeat), {
      description: 'a heartbeat',
    });
    return session;
  }

  afterAll(async () => {
    client?.close();
    await bridge?.close();
    await redis?.del(analyticsStream);
    redis?.disconnect();
    await mongo?.db.dropDatabase();
    await mongo?.client.close();
  });

  it("starts with a snapshot of the org's APIs the group serves and all its policies", async () => {
    const session = watch(client, 0);
    await waitFor(() => session.messages.some((message) => message.snapshotEnd), {
      description: 'the snapshot to end',
    });
    session.cancel();
    expect(session.messages[0].snapshotBegin?.cursor).toBeGreaterThan(0);
    expect(idsOf(session.messages, 'api').sort()).toEqual(['eu-only', 'everywhere']);
    expect(idsOf(session.messages, 'policy')).toEqual(['gold']);
    const api = session.messages.find((message) => message.api?.id === 'eu-only')?.api;
    expect(JSON.parse(api?.documentJson ?? '')).toEqual({ api_id: 'eu-only' });
  });

  it('streams changes live on the wake-up, and a key change as an eviction', async () => {
    const session = await watchFromNow();
    const saved = await apis.save(acme, 'eu-only', { api_id: 'eu-only', v: 2 }, apiFields(['eu']));
    await notifier.changed(acme, saved.rev, logEntryOf('api', saved));
    await waitFor(() => session.messages.some((message) => message.change), {
      timeoutMs: 1000,
      description: 'the API change',
    });
    const key = await keys.save(acme, 'abcdef0123456789', { org_id: 'acme' }, keyFields);
    await notifier.changed(acme, key.rev, logEntryOf('key', key));
    await waitFor(() => session.messages.some((message) => message.keyEvict), {
      timeoutMs: 1000,
      description: 'the key eviction',
    });
    session.cancel();
    expect(session.messages.some((message) => message.snapshotBegin)).toBe(false);
    const change = session.messages.find((message) => message.change)?.change;
    expect(change).toMatchObject({ kind: 'ENTITY_KIND_API', id: 'eu-only', rev: saved.rev, deleted: false });
    expect(change?.cursor).toBe(saved.rev);
    expect(JSON.parse(change?.documentJson ?? '')).toEqual({ api_id: 'eu-only', v: 2 });
    expect(session.messages.find((message) => message.keyEvict)?.keyEvict).toMatchObject({
      keyHash: 'abcdef0123456789',
      rev: key.rev,
    });
  });

  it('ships an announced change from the announcement itself, without reading the change log', async () => {
    const session = await watchFromNow();
    const saved = await apis.save(acme, 'eu-only', { api_id: 'eu-only', v: 3 }, apiFields(['eu']));
    // The stored document says v 3; the announcement says otherwise, so what arrives shows its source.
    await notifier.changed(acme, saved.rev, markedAsAnnounced(saved));
    const change = await firstChange(session);
    expect(change).toMatchObject({ id: 'eu-only', rev: saved.rev, cursor: saved.rev });
    expect(JSON.parse(change?.documentJson ?? '')).toEqual({ api_id: 'eu-only', v: 'announced' });
  });

  it('keeps serving from announcements past a revision that a refused create left unused', async () => {
    const session = await watchFromNow();
    const refused = await apis.create(acme, 'eu-only', { api_id: 'eu-only', v: 'dup' }, apiFields(['eu']));
    if (!('taken' in refused)) throw new Error('the create should have found eu-only stored');
    await notifier.unused(refused.unusedRev);
    const saved = await apis.save(acme, 'eu-only', { api_id: 'eu-only', v: 5 }, apiFields(['eu']));
    expect(saved.rev).toBe(refused.unusedRev + 1);
    // Served from memory only if the unused revision is not a hole: then the announced document shows.
    await notifier.changed(acme, saved.rev, markedAsAnnounced(saved));
    const change = await firstChange(session);
    expect(change).toMatchObject({ id: 'eu-only', rev: saved.rev });
    expect(JSON.parse(change?.documentJson ?? '')).toEqual({ api_id: 'eu-only', v: 'announced' });
  });

  it("serves neither a forged announcement nor another database's, only this database's sealed one", async () => {
    const session = await watchFromNow();
    const saved = await apis.save(acme, 'eu-only', { api_id: 'eu-only', v: 4 }, apiFields(['eu']));
    const forged = { ...logEntryOf('api', saved), document: { api_id: 'eu-only', target: 'evil' } };
    const payload = JSON.stringify({ orgId: acme, rev: saved.rev, entry: forged });
    // Whoever can publish on Redis, without the database's seal: a made-up MAC, and no MAC at all.
    await redis.publish(CHANGES_CHANNEL, `${'0'.repeat(64)}.${payload}`);
    await redis.publish(CHANGES_CHANNEL, payload);
    // Another deployment sharing this Redis: sealed, but for its own database.
    const elsewhere = await connectMongo({
      url: stackService('mongo'),
      database: `${database}-other`,
      appName: 'x',
    });
    try {
      await new ChangeNotifier(redis, await AnnouncementSeal.of(elsewhere.db)).changed(
        acme,
        saved.rev,
        forged,
      );
    } finally {
      await elsewhere.db.dropDatabase();
      await elsewhere.client.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(session.messages.some((message) => message.change)).toBe(false);

    await notifier.changed(acme, saved.rev, logEntryOf('api', saved));
    await waitFor(() => session.messages.some((message) => message.change), {
      timeoutMs: 1000,
      description: 'the sealed change',
    });
    session.cancel();
    const changes = session.messages.flatMap((message) => (message.change ? [message.change] : []));
    expect(changes).toHaveLength(1);
    expect(JSON.parse(changes[0].documentJson)).toEqual({ api_id: 'eu-only', v: 4 });
  });

  it('tells a group to drop an API whose tags it no longer serves, and never ships other orgs', async () => {
    const session = await watchFromNow();
    const moved = await apis.save(acme, 'everywhere', { api_id: 'everywhere' }, apiFields(['us']));
    const other = await apis.save(globex, 'theirs', { api_id: 'theirs', v: 2 }, apiFields([]));
    await notifier.changed(acme, moved.rev, logEntryOf('api', moved));
    await notifier.changed(globex, other.rev, logEntryOf('api', other));
    await waitFor(() => session.messages.some((message) => message.change), {
      description: 'the API change',
    });
    await waitFor(() => session.messages.filter((message) => message.heartbeat).length >= 3, {
      description: 'three heartbeats',
    });
    session.cancel();
    const changes = session.messages.flatMap((message) => (message.change ? [message.change] : []));
    expect(changes).toEqual([expect.objectContaining({ id: 'everywhere', deleted: true, documentJson: '' })]);
  });

  it('resumes a cursor older than the purge horizon with a full snapshot', async () => {
    await new ChangeLogHorizon(mongo.db).advance(3);
    const session = watch(client, 2);
    await waitFor(() => session.messages.some((message) => message.snapshotEnd), {
      description: 'the snapshot to end',
    });
    session.cancel();
    expect(session.messages[0].snapshotBegin).toBeDefined();
  });

  it('ends a Watch with UNAUTHENTICATED once its token is revoked', async () => {
    const revocable = mintSecret('ghn');
    const tokens = new NodeTokenRepository(mongo.db);
    await tokens.register(revocable, { orgId: 'acme', groupId: 'eu' });
    const other = new BridgeClient(bridge.grpcAddress, revocable);
    const session = watch(other, 0);
    await waitFor(() => session.messages.some((message) => message.snapshotEnd), {
      description: 'the snapshot to end',
    });
    await tokens.revoke('acme', revocable);
    const ended = await session.ended;
    other.close();
    expect(ended).toMatchObject({ code: GrpcStatus.UNAUTHENTICATED, details: 'node token revoked' });
  });

  it("answers GetKey with the org's session by hash, NOT_FOUND for another org's, and names a bad hash", async () => {
    await keys.save(acme, 'feedfacecafebeef', { org_id: 'acme', rate: 5 }, keyFields);
    await keys.save(globex, 'deadbeefdeadbeef', { org_id: 'globex' }, keyFields);
    const found = await client.getKey({ keyHash: 'feedfacecafebeef' });
    expect(JSON.parse(found.sessionJson)).toEqual({ org_id: 'acme', rate: 5 });
    await expect(client.getKey({ keyHash: 'deadbeefdeadbeef' })).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
    await expect(client.getKey({ keyHash: 'not hex!' })).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      details: expect.stringContaining('keyHash'),
    });
  });

  it("records ReportStatus, with each stream's state, for the dashboard's node view", async () => {
    const failedAt = Date.now() - 1000;
    const report = {
      nodeId: 'gw-eu-9',
      version: '0.1.0',
      appliedRev: 12,
      configChecksum: 'a'.repeat(64),
      requestsTotal: 99,
      emergency: false,
      streams: [
        { apiId: 'orders', stream: 'feed', state: 'running', consumers: 3, lastError: '', lastErrorAtMs: 0 },
        {
          apiId: 'orders',
          stream: 'hook',
          state: 'failing',
          consumers: 0,
          lastError: 'http_client: webhook answered 503',
          lastErrorAtMs: failedAt,
        },
      ],
    };
    await client.reportStatus(report);
    const [node] = await new GatewayNodeRepository(mongo.db).listSeenSince(
      'acme',
      'eu',
      new Date(Date.now() - 5000),
    );
    expect(node).toMatchObject({ nodeId: 'gw-eu-9', status: { appliedRev: 12, requestsTotal: 99 } });
    expect(node.status?.streams).toEqual([
      { apiId: 'orders', stream: 'feed', state: 'running', consumers: 3 },
      {
        apiId: 'orders',
        stream: 'hook',
        state: 'failing',
        consumers: 0,
        lastError: 'http_client: webhook answered 503',
        lastErrorAt: new Date(failedAt),
      },
    ]);
    await expect(
      client.reportStatus({ ...report, streams: [{ ...report.streams[0], state: 'exploded' }] }),
    ).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, details: expect.stringContaining('state') });
    await expect(client.reportStatus({ ...report, configChecksum: 'nope' })).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      details: expect.stringContaining('configChecksum'),
    });
  });

  it('stores each analytics batch id once and acknowledges every delivery', async () => {
    const batchOne = uniqueName('batch-1');
    const batchTwo = uniqueName('batch-2');
    const stream = client.reportAnalytics();
    const acks: { batchId: string; duplicate: boolean }[] = [];
    stream.on('data', (ack: { batchId: string; duplicate: boolean }) => acks.push(ack));
    const batch = {
      batchId: batchOne,
      recordsJson: ['{"api_id":"a","org_id":"acme"}', '{"api_id":"b","org_id":"acme"}'],
    };
    stream.write(batch);
    stream.write(batch);
    stream.write({ batchId: batchTwo, recordsJson: ['{"api_id":"c","org_id":"acme"}'] });
    await waitFor(() => acks.length === 3, { description: 'three acks' });
    stream.end();
    expect(acks).toEqual([
      { batchId: batchOne, duplicate: false },
      { batchId: batchOne, duplicate: true },
      { batchId: batchTwo, duplicate: false },
    ]);
    const entries = await redis.xrange(analyticsStream, '-', '+');
    expect(entries.map(([, fields]) => fields)).toEqual([
      [
        'n',
        '2',
        'r',
        '[{"api_id":"a","org_id":"acme"},{"api_id":"b","org_id":"acme"}]',
        'o',
        'acme',
        'g',
        'eu',
        'b',
        batchOne,
      ],
      ['n', '1', 'r', '[{"api_id":"c","org_id":"acme"}]', 'o', 'acme', 'g', 'eu', 'b', batchTwo],
    ]);
  });

  it('counts streams, messages, key look-ups and batches on /metrics', async () => {
    const metrics = await (await fetch(`${bridge.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/gatehouse_bridge_watch_messages_total\{event="snapshot_begin"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/gatehouse_bridge_watch_messages_total\{event="key_evict"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/gatehouse_bridge_key_lookups_total\{outcome="found"[^}]*\} 1\n/);
    expect(metrics).toMatch(/gatehouse_bridge_key_lookups_total\{outcome="not_found"[^}]*\} 1\n/);
    expect(metrics).toMatch(/gatehouse_bridge_analytics_batches_total\{outcome="duplicate"[^}]*\} 1\n/);
    expect(metrics).toMatch(/gatehouse_bridge_watch_streams\{[^}]*\} 0\n/);
  });

  it("refuses a batch carrying another org's records", async () => {
    const stream = client.reportAnalytics();
    const ended = new Promise<{ code?: number; details?: string }>((resolve) => stream.on('error', resolve));
    stream.on('data', () => undefined);
    stream.write({ batchId: uniqueName('batch-foreign'), recordsJson: ['{"org_id":"globex"}'] });
    expect(await ended).toMatchObject({
      code: GrpcStatus.PERMISSION_DENIED,
      details: expect.stringContaining('recordsJson.0.org_id'),
    });
  });

  it('refuses a batch with a record that is not a JSON object, naming it', async () => {
    const stream = client.reportAnalytics();
    const ended = new Promise<{ code?: number; details?: string }>((resolve) => stream.on('error', resolve));
    stream.on('data', () => undefined);
    stream.write({ batchId: 'batch-bad-1', recordsJson: ['{"org_id":"acme"}', '[1,2]'] });
    expect(await ended).toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      details: expect.stringContaining('recordsJson.1'),
    });
  });
});
