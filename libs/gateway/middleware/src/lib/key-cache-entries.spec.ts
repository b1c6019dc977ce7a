import { KeyCacheEntries, KeyCacheEntry, KeyCacheEvictionReason } from './key-cache-entries';

const BYTES = 100;
const POLICIES = ['gold', 'silver', 'bronze', 'iron'];

/** Every entry applies two policies and costs {@link BYTES}, so the indexes' expected sizes follow from the count. */
function entry(keyId: string, n: number): KeyCacheEntry {
  return {
    value: undefined,
    expiresAt: 0,
    keyId,
    policyIds: [POLICIES[n % 4], POLICIES[(n + 1) % 4]],
    bytes: BYTES,
  };
}

/** A fixed sequence (a linear congruential generator), so a failure replays the same churn. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31);
}

describe(KeyCacheEntries.name, () => {
  let evicted: Partial<Record<KeyCacheEvictionReason, number>>;
  let sut: KeyCacheEntries;

  beforeEach(() => {
    evicted = {};
    sut = new KeyCacheEntries(
      { maxEntries: 50, maxBytes: 40 * BYTES },
      (reason, count) => (evicted[reason] = (evicted[reason] ?? 0) + count),
    );
  });

  const expectConsistent = () => {
    const census = sut.census();
    expect(census.byKeyId).toBe(census.entries);
    expect(census.byPolicy).toBe(2 * census.entries);
    expect(sut.bytes).toBe(census.entries * BYTES);
    expect(census.entries).toBeLessThanOrEqual(40);
  };

  it('keeps its indexes the size of its entries through churn of many keys', () => {
    const next = sequence(7);
    for (let i = 0; i < 20_000; i++) {
      const n = next();
      const action = n % 10;
      // A raw key may come back under another id (a key migrated from a Tyk hash is re-hashed).
      if (action < 7) sut.set(`raw-${n % 500}`, entry(`id-${n % 700}`, n));
      else if (action < 8) sut.deleteKeyIds([`id-${n % 700}`]);
      else if (action < 9) sut.deletePolicies([POLICIES[n % 4]]);
      else if (n % 97 === 0) sut.clear();
      if (i % 1000 === 0) expectConsistent();
    }
    expectConsistent();
    expect(evicted.size).toBeGreaterThan(0);
    expect(evicted.policy).toBeGreaterThan(0);
    sut.clear();
    expect(sut.census()).toEqual({ entries: 0, byKeyId: 0, byPolicy: 0 });
  });

  it('evicts every raw key found under one id, after one of them moved to another id', () => {
    sut.set('basic-user', entry('shared-id', 0));
    sut.set('token', entry('shared-id', 0));
    sut.set('third', entry('shared-id', 0));
    sut.set('third', entry('other-id', 0));
    expect(sut.deleteKeyIds(['shared-id'])).toBe(2);
    expect(sut.get('third')).toBeDefined();
    expectConsistent();
  });

  it('renews an entry as the newest, keeping its indexes', () => {
    const small = new KeyCacheEntries({ maxEntries: 2, maxBytes: 40 * BYTES }, () => undefined);
    const first = entry('a', 0);
    small.set('a', first);
    small.set('b', entry('b', 0));
    small.renew('a', first, 99);
    small.set('c', entry('c', 0));
    expect([small.get('a')?.expiresAt, small.get('b'), small.get('c')?.keyId]).toEqual([99, undefined, 'c']);
    expect(small.deletePolicies([POLICIES[0]])).toBe(2);
    expect(small.census()).toEqual({ entries: 0, byKeyId: 0, byPolicy: 0 });
  });

  it('replaces an entry for the same raw key without evicting another', () => {
    for (let i = 0; i < 40; i++) sut.set(`raw-${i}`, entry(`id-${i}`, i));
    sut.set('raw-0', entry('id-0-moved', 1));
    expect(evicted).toEqual({});
    expect(sut.deleteKeyIds(['id-0'])).toBe(0);
    expect(sut.deleteKeyIds(['id-0-moved'])).toBe(1);
    expectConsistent();
  });

  it('evicts the oldest inserted first, by entries and by bytes', () => {
    const byEntries = new KeyCacheEntries({ maxEntries: 2, maxBytes: 10 * BYTES }, () => undefined);
    byEntries.set('a', entry('a', 0));
    byEntries.set('b', entry('b', 0));
    byEntries.set('a', entry('a', 0));
    byEntries.set('c', entry('c', 0));
    expect([byEntries.get('a'), byEntries.get('b'), byEntries.get('c')].map(Boolean)).toEqual([
      true,
      false,
      true,
    ]);

    sut.set('small', entry('small', 0));
    sut.set('large', { ...entry('large', 0), bytes: 39 * BYTES });
    expect(evicted).toEqual({});
    sut.set('next', entry('next', 0));
    expect([sut.get('small'), sut.get('large'), sut.get('next')].map(Boolean)).toEqual([false, true, true]);
    expect(sut.bytes).toBe(40 * BYTES);
    expect(evicted).toEqual({ size: 1 });
  });
});
