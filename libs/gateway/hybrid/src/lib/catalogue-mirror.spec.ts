import type { ConfigChange } from '@gatehouse/gateway-runtime';

import { CatalogueMirror } from './catalogue-mirror';

describe(CatalogueMirror.name, () => {
  function snapshotWith(mirror: CatalogueMirror, cursor: number, ids: string[]): void {
    mirror.beginSnapshot();
    for (const [index, id] of ids.entries())
      mirror.stage({ kind: 'api', id, rev: index + 1, document: { api_id: id } });
    mirror.commitSnapshot(cursor);
  }

  it('applies a change only when it is newer than what it holds, so replays are harmless', async () => {
    const mirror = new CatalogueMirror();
    expect(mirror.apply('api', 'a', 5, { api_id: 'a', v: 5 })).toBe(true);
    expect(mirror.apply('api', 'a', 5, { api_id: 'a', v: 'replayed' })).toBe(false);
    expect(mirror.apply('api', 'a', 4, { api_id: 'a', v: 4 })).toBe(false);
    expect(mirror.get('api', 'a')).toEqual({ api_id: 'a', v: 5 });
  });

  it('keeps a tombstone, so an older write arriving after the delete does not revive the entity', async () => {
    const mirror = new CatalogueMirror();
    mirror.apply('policy', 'p', 3, { id: 'p' });
    expect(mirror.apply('policy', 'p', 7, undefined)).toBe(true);
    expect(mirror.apply('policy', 'p', 6, { id: 'p', late: true })).toBe(false);
    expect(mirror.list('policy')).toEqual([]);
  });

  it('replaces everything with a snapshot, including entities the node should have seen deleted', async () => {
    const mirror = new CatalogueMirror();
    mirror.apply('api', 'deleted-while-away', 2, { api_id: 'deleted-while-away' });
    mirror.advance(40);
    snapshotWith(mirror, 30, ['kept']);
    expect(mirror.list('api').map((document) => document['api_id'])).toEqual(['kept']);
    expect(mirror.cursor).toBe(30);
  });

  it('gives the same checksum for the same content whatever the order, and survives a state round trip', () => {
    const first = new CatalogueMirror();
    first.apply('api', 'a', 1, { api_id: 'a' });
    first.apply('policy', 'p', 2, { id: 'p' });
    const second = new CatalogueMirror();
    second.apply('policy', 'p', 2, { id: 'p' });
    second.apply('api', 'a', 1, { api_id: 'a' });
    expect(second.checksum()).toBe(first.checksum());
    const restored = new CatalogueMirror();
    restored.restore(JSON.parse(JSON.stringify(first.state())));
    expect(restored.checksum()).toBe(first.checksum());
    second.apply('api', 'a', 3, { api_id: 'a', v: 3 });
    expect(second.checksum()).not.toBe(first.checksum());
  });

  it("keeps the org's key hashing through the emergency snapshot, and says when it changes", () => {
    const sut = new CatalogueMirror();
    expect(sut.setKeyHashing({ algorithm: 'hmac-sha256', key: 'a2V5' })).toBe(true);
    expect(sut.setKeyHashing({ algorithm: 'hmac-sha256', key: 'a2V5' })).toBe(false);
    const restored = new CatalogueMirror();
    restored.restore(JSON.parse(JSON.stringify(sut.state())));
    expect(restored.keyHashing).toEqual({ algorithm: 'hmac-sha256', key: 'a2V5' });
    expect(restored.setKeyHashing({ algorithm: 'hmac-sha256', key: 'b3RoZXI=' })).toBe(true);
  });

  it('tells its listener each applied change with its control-plane origin, and a snapshot as a replacement', async () => {
    const mirror = new CatalogueMirror();
    const changes: ConfigChange[] = [];
    let replaced = 0;
    mirror.subscribe({ changed: (change) => changes.push(change), replaced: () => replaced++ });
    mirror.apply('api', 'a', 9, { api_id: 'a' });
    mirror.apply('api', 'a', 8, { api_id: 'a', old: true });
    mirror.apply('api', 'a', 10, undefined);
    expect(changes).toEqual([
      { kind: 'api', id: 'a', rev: 9, document: { api_id: 'a' }, origin: 'control plane api a (rev 9)' },
      { kind: 'api', id: 'a', rev: 10, document: undefined, origin: 'control plane api a (rev 10)' },
    ]);
    snapshotWith(mirror, 20, ['b']);
    expect(replaced).toBe(1);
    expect(await mirror.snapshot()).toEqual({
      entries: [expect.objectContaining({ kind: 'api', id: 'b', origin: 'control plane api b (rev 1)' })],
      errors: [],
    });
  });
});
