import { UnavailableError } from '@gatehouse/shared-kernel';
import {
  deriveKeyHashKey,
  KeyHasher,
  keyReference,
  Policy,
  policySchema,
  SessionState,
  sessionStateSchema,
  tykHash,
} from '@gatehouse/shared-tyk-compat';

import { CachedKeyResolver, SessionFinder } from './cached-key-resolver';

class FakeFinder implements SessionFinder {
  calls = 0;
  down = false;
  adopted: [string, string][] = [];
  constructor(readonly sessions: Map<string, SessionState>) {}
  async find(keyId: string) {
    this.calls++;
    if (this.down) throw new Error('connection refused');
    const session = this.sessions.get(keyId);
    return session ? { session } : undefined;
  }
  async adopt(legacyId: string, keyId: string) {
    const session = this.sessions.get(legacyId);
    if (!session) return false;
    this.sessions.delete(legacyId);
    this.sessions.set(keyId, session);
    this.adopted.push([legacyId, keyId]);
    return true;
  }
}

const hashing = { algorithm: 'hmac-sha256' as const, key: deriveKeyHashKey('x'.repeat(32), '') };
const hasher = new KeyHasher(hashing);
const idOf = (raw: string) => hasher.idOf(raw);

const session = (fields: Record<string, unknown>) => sessionStateSchema.parse(fields);

describe(CachedKeyResolver.name, () => {
  let now: number;
  let finder: FakeFinder;
  let policies: Map<string, Policy>;
  let metrics: { hits: number; misses: number; stale: number };
  let sut: CachedKeyResolver;

  beforeEach(() => {
    now = 1_000;
    policies = new Map([
      ['gold', policySchema.parse({ id: 'gold', rate: 50, per: 1, access_rights: { a: { api_id: 'a' } } })],
    ]);
    finder = new FakeFinder(
      new Map([
        [idOf('raw-key'), session({ rate: 1, per: 1 })],
        [idOf('with-policy'), session({ apply_policies: ['gold'] })],
        [idOf('bad-policy'), session({ apply_policies: ['missing'] })],
        [tykHash('murmur64', 'from-tyk'), session({ rate: 7, per: 1 })],
      ]),
    );
    metrics = { hits: 0, misses: 0, stale: 0 };
    sut = new CachedKeyResolver(
      finder,
      () => ({ lookup: (id: string) => policies.get(id) }),
      () => hasher,
      { ttlMs: 10_000, negativeTtlMs: 500, maxEntries: 2 },
      { hit: () => metrics.hits++, miss: () => metrics.misses++, stale: () => metrics.stale++ },
      () => now,
    );
  });

  it('looks a key up once, then answers from memory synchronously', async () => {
    const first = await sut.resolve('raw-key');
    expect(first?.keyId).toBe(idOf('raw-key'));
    expect(first?.ref).toBe(keyReference(idOf('raw-key')));
    const second = sut.resolve('raw-key');
    expect(second).not.toBeInstanceOf(Promise);
    expect(finder.calls).toBe(1);
    expect(metrics).toEqual({ hits: 1, misses: 1, stale: 0 });
  });

  it('shares one lookup between concurrent requests for the same key', async () => {
    await Promise.all([sut.resolve('raw-key'), sut.resolve('raw-key'), sut.resolve('raw-key')]);
    expect(finder.calls).toBe(1);
  });

  it('applies policies once per fetch', async () => {
    const resolved = await sut.resolve('with-policy');
    expect(resolved?.session).toMatchObject({ rate: 50, per: 1 });
    expect(Object.keys(resolved!.session.access_rights)).toEqual(['a']);
  });

  it('refuses (and remembers briefly) unknown keys and keys whose policies cannot apply', async () => {
    expect(await sut.resolve('nobody')).toBeUndefined();
    expect(await sut.resolve('bad-policy')).toBeUndefined();
    expect(sut.resolve('nobody')).toBeUndefined();
    now += 600;
    await sut.resolve('nobody');
    expect(finder.calls).toBe(3);
  });

  it('asks again after the TTL, after an eviction by key id, and after clear()', async () => {
    await sut.resolve('raw-key');
    now += 10_001;
    await sut.resolve('raw-key');
    sut.invalidate([idOf('raw-key')]);
    await sut.resolve('raw-key');
    sut.clear();
    await sut.resolve('raw-key');
    expect(finder.calls).toBe(4);
  });

  it('keeps at most maxEntries keys', async () => {
    await sut.resolve('raw-key');
    await sut.resolve('with-policy');
    await sut.resolve('nobody');
    await sut.resolve('raw-key');
    expect(finder.calls).toBe(4);
  });

  it('finds a key Tyk stored under a configured legacy hash and moves it to its keyed id', async () => {
    sut = new CachedKeyResolver(
      finder,
      () => ({ lookup: (id: string) => policies.get(id) }),
      () => new KeyHasher(hashing, ['murmur64']),
      { ttlMs: 10_000, negativeTtlMs: 500, maxEntries: 10 },
      { hit: () => undefined, miss: () => undefined, stale: () => undefined },
    );
    expect(await sut.resolve('nobody')).toBeUndefined();
    const resolved = await sut.resolve('from-tyk');
    expect(resolved?.keyId).toBe(idOf('from-tyk'));
    expect(finder.adopted).toEqual([[tykHash('murmur64', 'from-tyk'), idOf('from-tyk')]]);
    sut.clear();
    expect((await sut.resolve('from-tyk'))?.session.rate).toBe(7);
  });

  it('refuses every key while it cannot hash keys (hybrid before the first sync)', async () => {
    const blind = new CachedKeyResolver(
      finder,
      () => ({ lookup: (id: string) => policies.get(id) }),
      () => undefined,
      { ttlMs: 10_000, negativeTtlMs: 500, maxEntries: 10 },
      { hit: () => undefined, miss: () => undefined, stale: () => undefined },
    );
    expect(await blind.resolve('raw-key')).toBeUndefined();
    expect(finder.calls).toBe(0);
  });

  it('keeps serving a known key from its expired entry while the store is down', async () => {
    await sut.resolve('raw-key');
    finder.down = true;
    now += 10_001;
    expect((await sut.resolve('raw-key'))?.keyId).toBe(idOf('raw-key'));
    expect(metrics.stale).toBe(1);
  });

  it('fails an unknown key as unavailable, not as not found, while the store is down', async () => {
    finder.down = true;
    await expect(sut.resolve('raw-key')).rejects.toBeInstanceOf(UnavailableError);
  });
});
