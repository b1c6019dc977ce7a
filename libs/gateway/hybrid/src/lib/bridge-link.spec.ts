import { waitFor } from '@gatehouse/shared-testing';

import { BridgeLink, BridgeLinkHandlers, BridgeLinkOptions } from './bridge-link';
import { CatalogueMirror } from './catalogue-mirror';
import { entity, FakeBridges, handshakeAnswer, KEY, silentLogger } from './fake-bridge.spec-helper';

const options: BridgeLinkOptions = {
  addresses: ['bridge-a:1', 'bridge-b:1'],
  nodeToken: 'ghn_test',
  orgId: 'acme',
  groupId: 'eu',
  nodeId: 'eu-1',
  version: 'test',
  tags: [],
  stallTimeoutMs: 10_000,
  reconnectMaxMs: 100,
  callTimeoutMs: 1000,
};

class RecordingHandlers implements BridgeLinkHandlers {
  configChanges = 0;
  evicted: [string, number][] = [];
  resumeFailures = 0;
  hashingChanges = 0;
  configChanged(): void {
    this.configChanges++;
  }
  async keyEvicted(keyHash: string, rev: number): Promise<void> {
    this.evicted.push([keyHash, rev]);
  }
  async resumeFailed(): Promise<void> {
    this.resumeFailures++;
  }
  keyHashingChanged(): void {
    this.hashingChanges++;
  }
}

describe(BridgeLink.name, () => {
  let bridges: FakeBridges;
  let mirror: CatalogueMirror;
  let handlers: RecordingHandlers;
  let sut: BridgeLink;

  function start(overrides: Partial<BridgeLinkOptions> = {}): void {
    sut = new BridgeLink(mirror, handlers, { ...options, ...overrides }, silentLogger, bridges.connect);
    sut.start();
  }

  async function streamOpen(count = 1) {
    await waitFor(() => bridges.opened.flatMap((c) => c.streams).length >= count, {
      description: `watch stream ${count} to open`,
    });
    return bridges.last.streams[bridges.last.streams.length - 1];
  }

  beforeEach(() => {
    bridges = new FakeBridges();
    mirror = new CatalogueMirror();
    handlers = new RecordingHandlers();
  });

  afterEach(async () => sut?.stop());

  it('applies a snapshot, goes live, and hands out the connection and the key hashing', async () => {
    start();
    const stream = await streamOpen();
    expect(bridges.last.watched).toEqual([{ nodeId: 'eu-1', cursor: 0 }]);
    expect(sut.connected).toBe(false);
    stream.push({ snapshotBegin: { cursor: 7 } });
    stream.push({ api: entity('a', 3) });
    stream.push({ snapshotEnd: { cursor: 7 } });
    await sut.synced;
    expect(sut.connected).toBe(true);
    expect(sut.client).toBe(bridges.last);
    expect(mirror.cursor).toBe(7);
    expect(handlers.configChanges).toBe(1);
    expect(mirror.keyHashing).toEqual({ algorithm: 'hmac-sha256', key: KEY.toString('base64') });
    expect(handlers.hashingChanges).toBe(1);
  });

  it('applies changes by revision, passes key evictions on, and advances its cursor', async () => {
    start();
    const stream = await streamOpen();
    stream.push({ snapshotBegin: { cursor: 1 } });
    stream.push({ snapshotEnd: { cursor: 1 } });
    stream.push({
      change: {
        kind: 'ENTITY_KIND_API',
        id: 'b',
        rev: 2,
        deleted: false,
        documentJson: '{"api_id":"b"}',
        cursor: 2,
      },
    });
    stream.push({ keyEvict: { keyHash: 'abc', rev: 3, cursor: 3 } });
    stream.push({ heartbeat: { cursor: 4, serverTimeMs: 0 } });
    await waitFor(() => mirror.cursor === 4, { description: 'cursor 4' });
    expect(handlers.evicted).toEqual([['abc', 3]]);
    expect(handlers.configChanges).toBe(2);
    expect(mirror.get('api', 'b')).toEqual({ api_id: 'b' });
  });

  it('reconnects to the next bridge when the stream breaks, resuming from its cursor', async () => {
    start();
    const first = await streamOpen();
    first.push({ snapshotBegin: { cursor: 5 } });
    first.push({ snapshotEnd: { cursor: 5 } });
    await sut.synced;
    first.emit('error', new Error('bridge gone'));
    await waitFor(() => bridges.opened.length === 2 && bridges.last.watched.length === 1, {
      description: 'a second connection',
    });
    expect(sut.connected).toBe(false);
    expect(bridges.opened[0].closed).toBe(true);
    expect(bridges.last.address).toBe('bridge-b:1');
    expect(bridges.last.watched).toEqual([{ nodeId: 'eu-1', cursor: 5 }]);
  });

  it('tells the gateway to forget key copies when a resume became a snapshot', async () => {
    start();
    const first = await streamOpen();
    first.push({ snapshotBegin: { cursor: 5 } });
    first.push({ snapshotEnd: { cursor: 5 } });
    await sut.synced;
    first.emit('error', new Error('bridge gone'));
    const second = await streamOpen(2);
    second.push({ snapshotBegin: { cursor: 9 } });
    second.push({ snapshotEnd: { cursor: 9 } });
    await waitFor(() => handlers.resumeFailures === 1, { description: 'resume failure handled' });
  });

  it('refuses a bridge that sends no usable key hashing, and tries another', async () => {
    bridges.prepare = (connection) => {
      if (bridges.opened.length === 0)
        connection.handshakeResult = handshakeAnswer({ keyHashing: undefined });
    };
    start();
    await streamOpen();
    expect(bridges.opened[0].watched).toEqual([]);
    expect(bridges.last.address).toBe('bridge-b:1');
  });

  it('reconnects when the stream stalls (no message, not even a heartbeat)', async () => {
    start({ stallTimeoutMs: 50 });
    const stalled = await streamOpen();
    await waitFor(() => stalled.cancelled, { description: 'the stalled stream to be cancelled' });
    await streamOpen(2);
  });
});
