import {
  Policy,
  policySchema,
  SessionState,
  sessionStateSchema,
  storageKeyId,
} from '@gatehouse/shared-tyk-compat';

import { CachedKeyResolver, SessionFinder } from './cached-key-resolver';

class FakeFinder implements SessionFinder {
  calls = 0;
  constructor(readonly sessions: Map<string, SessionState>) {}
  async find(keyId: string) {
    this.calls++;
    const session = this.sessions.get(keyId);
    return session ? { session } : undefined;
  }
}

const session = (fields: Record<string, unknown>) => sessionStateSchema.parse(fields);

describe(CachedKeyResolver.name, () => {
  let now: number;
  let finder: FakeFinder;
  let policies: Map<string, Policy>;
  let metrics: { hits: number; misses: number };
  let sut: CachedKeyResolver;

  beforeEach(() => {
    now = 1_000;
    policies = new Map([
      ['gold', policySchema.parse({ id: 'gold', rate: 50, per: 1, access_rights: { a: { api_id: 'a' } } })],
    ]);
    finder = new FakeFinder(
      new Map([
        [storageKeyId('raw-key', true), session({ rate: 1, per: 1 })],
        [storageKeyId('with-policy', true), session({ apply_policies: ['gold'] })],
        [storageKeyId('bad-policy', true), session({ apply_policies: ['missing'] })],
      ]),
    );
    metrics = { hits: 0, misses: 0 };
    sut = new CachedKeyResolver(
      finder,
      () => ({ lookup: (id: string) => policies.get(id) }),
      { hashKeys: true, ttlMs: 10_000, negativeTtlMs: 500, maxEntries: 2 },
      { hit: () => metrics.hits++, miss: () => metrics.misses++ },
      () => now,
    );
  });

  it('looks a key up once, then answers from memory synchronously', async () => {
    const first = await sut.resolve('raw-key');
    expect(first?.keyId).toBe(storageKeyId('raw-key', true));
    const second = sut.resolve('raw-key');
    expect(second).not.toBeInstanceOf(Promise);
    expect(finder.calls).toBe(1);
    expect(metrics).toEqual({ hits: 1, misses: 1 });
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
    sut.invalidate([storageKeyId('raw-key', true)]);
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
});
