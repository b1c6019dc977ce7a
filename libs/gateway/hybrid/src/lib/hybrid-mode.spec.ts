import { waitFor } from '@gatehouse/shared-testing';
import { KeyHasher, SessionState } from '@gatehouse/shared-tyk-compat';

import { sealSnapshot } from './emergency-seal';
import { entity, FakeBridges, silentLogger } from './fake-bridge.spec-helper';
import { HybridMode, HybridModeOptions } from './hybrid-mode';
import type { KeyCache, RegionalSessions, SnapshotStore } from './hybrid-ports';

const options: HybridModeOptions = {
  addresses: ['bridge:1'],
  nodeToken: 'ghn_test',
  orgId: 'acme',
  groupId: 'eu',
  nodeId: 'eu-1',
  version: 'test',
  tags: [],
  stallTimeoutMs: 10_000,
  reconnectMaxMs: 100,
  callTimeoutMs: 1000,
  migrateFrom: [],
  backfillsPerSecond: 10,
  statusIntervalMs: 60_000,
  initialSyncTimeoutMs: 200,
  snapshotIntervalMs: 30,
};

class MemorySnapshots implements SnapshotStore {
  blob?: string;
  cursor = 0;
  writes = 0;
  async read() {
    return this.blob;
  }
  async write(cursor: number, blob: string) {
    this.blob = blob;
    this.cursor = cursor;
    this.writes++;
    return true;
  }
}

class MemorySessions implements RegionalSessions {
  readonly copies = new Map<string, number>();
  async lookup(): Promise<{ session: SessionState } | undefined> {
    return undefined;
  }
  async saveCopy(keyId: string, _session: Record<string, unknown>, rev: number) {
    this.copies.set(keyId, rev);
  }
  async dropCopy(keyId: string, rev: number) {
    if ((this.copies.get(keyId) ?? 0) >= rev) return false;
    return this.copies.delete(keyId);
  }
  async delete(keyId: string) {
    return this.copies.delete(keyId);
  }
  async listIds() {
    return [...this.copies.keys()];
  }
}

class RecordingCache implements KeyCache {
  invalidated: string[] = [];
  clears = 0;
  invalidate(keyIds: readonly string[]) {
    this.invalidated.push(...keyIds);
  }
  clear() {
    this.clears++;
  }
}

describe(HybridMode.name, () => {
  let bridges: FakeBridges;
  let snapshots: MemorySnapshots;
  let sessions: MemorySessions;
  let cache: RecordingCache;
  let sut: HybridMode;

  function create(overrides: Partial<HybridModeOptions> = {}): HybridMode {
    const mode = new HybridMode(
      { ...options, ...overrides },
      {
        regionReady: async () => undefined,
        snapshotStore: snapshots,
        sessions,
        requestsTotal: () => 0,
        logger: silentLogger,
        connect: bridges.connect,
      },
    );
    mode.attachKeyCache(cache);
    return mode;
  }

  async function liveStream() {
    await waitFor(() => bridges.opened.length > 0 && bridges.last.streams.length > 0, {
      description: 'a watch stream',
    });
    return bridges.last.streams[0];
  }

  beforeEach(() => {
    bridges = new FakeBridges();
    snapshots = new MemorySnapshots();
    sessions = new MemorySessions();
    cache = new RecordingCache();
  });

  afterEach(async () => sut?.stop());

  it('syncs from the bridge, then seals what it serves, key hashing included, into the region', async () => {
    sut = create({ initialSyncTimeoutMs: 5000 });
    const started = sut.start();
    const stream = await liveStream();
    stream.push({ snapshotBegin: { cursor: 3 } });
    stream.push({ api: entity('a', 2) });
    stream.push({ snapshotEnd: { cursor: 3 } });
    expect(await started).toBe('bridge');
    await waitFor(() => snapshots.cursor === 3, { description: 'the emergency snapshot of the sync' });
    expect(sut.keyHasher?.idOf('k')).toBe(
      new KeyHasher({ algorithm: 'hmac-sha256', key: Buffer.alloc(32, 7) }).idOf('k'),
    );
    expect(cache.clears).toBe(1);

    // A gateway starting later without the bridge serves the same, keys included.
    const later = create();
    bridges.prepare = (connection) => (connection.handshakeResult = new Error('unreachable'));
    expect(await later.start()).toBe('emergency-snapshot');
    expect(later.mirror.cursor).toBe(3);
    expect(later.keyHasher?.idOf('k')).toBe(sut.keyHasher?.idOf('k'));
    await later.stop();
  });

  it('starts empty, refusing every key, when neither the bridge nor a snapshot answers', async () => {
    bridges.prepare = (connection) => (connection.handshakeResult = new Error('unreachable'));
    sut = create();
    expect(await sut.start()).toBe('empty');
    expect(sut.keyHasher).toBeUndefined();
  });

  it('writes the emergency snapshot at most once per interval while changes stream in, and on stop', async () => {
    sut = create({ initialSyncTimeoutMs: 5000, snapshotIntervalMs: 60_000 });
    const started = sut.start();
    const stream = await liveStream();
    stream.push({ snapshotBegin: { cursor: 1 } });
    stream.push({ snapshotEnd: { cursor: 1 } });
    await started;
    for (let rev = 2; rev <= 50; rev++) {
      const documentJson = JSON.stringify({ api_id: `api-${rev}` });
      stream.push({
        change: { kind: 'ENTITY_KIND_API', id: `api-${rev}`, rev, deleted: false, documentJson, cursor: rev },
      });
    }
    await waitFor(() => sut.mirror.cursor === 50, { description: 'every change applied' });
    expect(snapshots.writes).toBe(0);
    await sut.stop();
    expect(snapshots.writes).toBe(1);

    // The one write holds every change and the cursor that covers them.
    const restarted = create();
    bridges.prepare = (connection) => (connection.handshakeResult = new Error('unreachable'));
    expect(await restarted.start()).toBe('emergency-snapshot');
    expect(restarted.mirror.cursor).toBe(50);
    expect(restarted.mirror.list('api')).toHaveLength(49);
    await restarted.stop();
  });

  it('drops an evicted key copy unless the region already holds that revision or newer', async () => {
    sut = create({ initialSyncTimeoutMs: 5000 });
    const started = sut.start();
    const stream = await liveStream();
    stream.push({ snapshotBegin: { cursor: 1 } });
    stream.push({ snapshotEnd: { cursor: 1 } });
    await started;
    sessions.copies.set('old', 1);
    sessions.copies.set('fresh', 9);
    stream.push({ keyEvict: { keyHash: 'old', rev: 5, cursor: 2 } });
    stream.push({ keyEvict: { keyHash: 'fresh', rev: 5, cursor: 3 } });
    await waitFor(() => sut.mirror.cursor === 3, { description: 'both evictions' });
    expect([...sessions.copies.keys()]).toEqual(['fresh']);
    expect(cache.invalidated).toEqual(['old']);
  });

  it('refuses an emergency snapshot sealed with another node token', async () => {
    snapshots.blob = sealSnapshot('ghn_other', options, JSON.stringify({ cursor: 4, entities: [] }));
    bridges.prepare = (connection) => (connection.handshakeResult = new Error('unreachable'));
    sut = create();
    expect(await sut.start()).toBe('empty');
    expect(sut.mirror.cursor).toBe(0);
  });
});
