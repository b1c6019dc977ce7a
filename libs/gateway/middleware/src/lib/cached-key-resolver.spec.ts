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

import { CachedKeyResolver, KeyCacheMetrics, KeyCacheOptions } from './cached-key-resolver';
import { estimateEntryBytes, KeyCacheEvictionReason } from './key-cache-entries';
import type { SessionFinder } from './ports';

/** Sessions by key id; a session's version is its JSON, as a store's digest of it would be. */
class FakeFinder implements SessionFinder {
  calls = 0;
  /** Lookups answered with a session (decoded), not with "unchanged". */
  decoded = 0;
  down = false;
  adopted: [string, string][] = [];
  /** Runs while a lookup is under way, before it answers. */
  meanwhile?: () => void;
  constructor(readonly sessions: Map<string, SessionState>) {}
  async lookup(keyId: string, known?: string) {
    this.calls++;
    if (this.down) throw new Error('connection refused');
    this.meanwhile?.();
    const session = this.sessions.get(keyId);
    if (!session) return undefined;
    const version = JSON.stringify(session);
    if (version === known) return { unchanged: true as const };
    this.decoded++;
    return { session: structuredClone(session), version };
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
const policy = (id: string, rate: number) =>
  policySchema.parse({ id, rate, per: 1, access_rights: { [id]: { api_id: id } } });
const silent: KeyCacheMetrics = {
  hit: () => undefined,
  miss: () => undefined,
  stale: () => undefined,
  evicted: () => undefined,
};

describe(CachedKeyResolver.name, () => {
  let now: number;
  let finder: FakeFinder;
  let policies: Map<string, Policy>;
  let metrics: { hits: number; misses: number; stale: number };
  let evictions: Partial<Record<KeyCacheEvictionReason, number>>;
  let sut: CachedKeyResolver;

  const resolver = (options: Partial<KeyCacheOptions>) =>
    new CachedKeyResolver(
      finder,
      () => ({ lookup: (id: string) => policies.get(id) }),
      () => hasher,
      { ttlMs: 10_000, negativeTtlMs: 500, maxEntries: 2, ...options },
      {
        hit: () => metrics.hits++,
        miss: () => metrics.misses++,
        stale: () => metrics.stale++,
        evicted: (reason, count) => (evictions[reason] = (evictions[reason] ?? 0) + count),
      },
      () => now,
    );
  /** A hit is answered synchronously; anything else is a promise. */
  const hits = (rawKey: string) => !(sut.resolve(rawKey) instanceof Promise);

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
    evictions = {};
    sut = resolver({});
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

  describe('an expired entry whose stored session did not change', () => {
    it('is renewed as it is: the same value, nothing decoded, policies not applied again', async () => {
      let policyLookups = 0;
      sut = new CachedKeyResolver(
        finder,
        () => ({ lookup: (id: string) => (policyLookups++, policies.get(id)) }),
        () => hasher,
        { ttlMs: 10_000, negativeTtlMs: 500, maxEntries: 10 },
        silent,
        () => now,
      );
      const first = await sut.resolve('with-policy');
      now += 10_001;
      const renewed = await sut.resolve('with-policy');
      expect(renewed).toBe(first);
      expect([finder.calls, finder.decoded, policyLookups]).toEqual([2, 1, 1]);
      expect(hits('with-policy')).toBe(true);
      now += 10_001;
      expect(hits('with-policy')).toBe(false);
    });

    it('is built afresh once the stored session changed', async () => {
      await sut.resolve('raw-key');
      finder.sessions.set(idOf('raw-key'), session({ rate: 99, per: 1 }));
      now += 10_001;
      expect((await sut.resolve('raw-key'))?.session.rate).toBe(99);
      expect(finder.decoded).toBe(2);
    });

    it('is built afresh when one of its policies changed while the store was asked', async () => {
      await sut.resolve('with-policy');
      now += 10_001;
      finder.meanwhile = () => {
        finder.meanwhile = undefined;
        policies.set('gold', policy('gold', 7));
        sut.invalidatePolicies(['gold']);
      };
      const resolved = await sut.resolve('with-policy');
      expect(resolved?.session.rate).toBe(7);
      expect(Object.keys(resolved!.session.access_rights)).toEqual(['gold']);
    });

    it('counts as the newest entry: the bound evicts an older one first', async () => {
      await sut.resolve('raw-key');
      await sut.resolve('with-policy');
      now += 10_001;
      await sut.resolve('raw-key');
      await sut.resolve('nobody');
      expect(sut.stats().entries).toBe(2);
      const calls = finder.calls;
      expect(hits('raw-key')).toBe(true);
      await sut.resolve('with-policy');
      expect(finder.calls).toBe(calls + 1);
    });
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
      silent,
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
      silent,
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

  describe('invalidatePolicies', () => {
    beforeEach(() => {
      policies.set('silver', policy('silver', 20));
      for (const [raw, fields] of [
        ['gold-key', { apply_policies: ['gold'] }],
        ['silver-key', { apply_policies: ['silver'] }],
        ['both-key', { apply_policies: ['gold', 'silver'] }],
        ['legacy-key', { apply_policy_id: 'gold' }],
        ['waiting-key', { apply_policies: ['bronze'] }],
      ] as const)
        finder.sessions.set(idOf(raw), session(fields));
      sut = resolver({ maxEntries: 100 });
    });

    const warm = async (...rawKeys: string[]) => {
      for (const rawKey of rawKeys) await sut.resolve(rawKey);
    };

    it('evicts only the keys that apply the changed policy; the others keep hitting', async () => {
      await warm('gold-key', 'silver-key', 'raw-key', 'nobody');
      policies.set('gold', policy('gold', 99));
      expect(sut.invalidatePolicies(['gold'])).toBe(1);
      expect(hits('silver-key')).toBe(true);
      expect(hits('raw-key')).toBe(true);
      expect(hits('nobody')).toBe(true);
      expect((await sut.resolve('gold-key'))?.session.rate).toBe(99);
      expect(evictions).toEqual({ policy: 1 });
    });

    it('evicts a key with two policies when either changes, and the legacy apply_policy_id', async () => {
      await warm('both-key', 'legacy-key');
      expect(sut.invalidatePolicies(['silver'])).toBe(1);
      expect(hits('legacy-key')).toBe(true);
      await warm('both-key');
      expect(sut.invalidatePolicies(['gold'])).toBe(2);
      expect(hits('both-key')).toBe(false);
      expect(hits('legacy-key')).toBe(false);
    });

    it('makes a key refused for a missing policy usable as soon as the policy arrives', async () => {
      expect(await sut.resolve('waiting-key')).toBeUndefined();
      policies.set('bronze', policy('bronze', 5));
      expect(sut.invalidatePolicies(['bronze'])).toBe(1);
      expect((await sut.resolve('waiting-key'))?.session.rate).toBe(5);
    });

    it('answers 0 for a policy no cached key applies', async () => {
      await warm('gold-key', 'nobody');
      expect(sut.invalidatePolicies(['silver', 'unused'])).toBe(0);
      expect(evictions).toEqual({});
    });

    it('does not serve a key evicted for its policy from its expired entry while the store is down', async () => {
      await warm('gold-key');
      now += 10_001;
      finder.down = true;
      const pending = sut.resolve('gold-key');
      sut.invalidatePolicies(['gold']);
      await expect(pending).rejects.toBeInstanceOf(UnavailableError);
      expect(metrics.stale).toBe(0);
    });
  });

  it('evicts by key id only the keys stored under those ids, known or unknown', async () => {
    sut = resolver({ maxEntries: 100 });
    await sut.resolve('raw-key');
    await sut.resolve('with-policy');
    await sut.resolve('nobody');
    expect(sut.invalidate([idOf('raw-key'), idOf('nobody'), idOf('never-seen')])).toBe(2);
    expect(hits('with-policy')).toBe(true);
    expect(hits('raw-key')).toBe(false);
    expect(evictions).toEqual({ key: 2 });
  });

  it('clears everything and counts it', async () => {
    sut = resolver({ maxEntries: 100 });
    await sut.resolve('raw-key');
    await sut.resolve('nobody');
    sut.clear();
    expect(sut.stats()).toMatchObject({ entries: 0, bytes: 0 });
    expect(evictions).toEqual({ clear: 2 });
  });

  it('reports entries, estimated bytes, hits and misses', async () => {
    sut = resolver({ maxEntries: 100 });
    expect(sut.stats()).toEqual({ entries: 0, bytes: 0, hits: 0, misses: 0 });
    const known = await sut.resolve('raw-key');
    await sut.resolve('nobody');
    for (let i = 0; i < 8; i++) sut.resolve('raw-key');
    const stats = sut.stats();
    expect(stats).toEqual({
      entries: 2,
      bytes: estimateEntryBytes('raw-key', known?.session) + estimateEntryBytes('nobody', undefined),
      hits: 8,
      misses: 2,
    });
    expect(stats.hits / (stats.hits + stats.misses)).toBe(0.8);
  });

  it('keeps both the entry and the byte bound through churn, evicting the oldest first', async () => {
    for (let i = 0; i < 200; i++) finder.sessions.set(idOf(`churn-${i}`), session({ rate: i, per: 1 }));
    await sut.resolve('churn-0');
    const perEntry = sut.stats().bytes;
    sut.clear();
    sut = resolver({ maxEntries: 50, maxBytes: perEntry * 10.5 });
    for (let i = 0; i < 200; i++) {
      await sut.resolve(`churn-${i}`);
      expect(sut.stats().entries).toBeLessThanOrEqual(10);
      expect(sut.stats().bytes).toBeLessThanOrEqual(perEntry * 10.5);
    }
    expect(hits('churn-199')).toBe(true);
    expect(hits('churn-189')).toBe(false);
    expect(evictions.size).toBeGreaterThanOrEqual(190);
  });

  it('does not keep a key larger than the byte bound on its own', async () => {
    sut = resolver({ maxEntries: 100, maxBytes: 400 });
    await sut.resolve('nobody');
    expect((await sut.resolve('raw-key'))?.keyId).toBe(idOf('raw-key'));
    expect(sut.stats().entries).toBe(1);
    expect(hits('nobody')).toBe(true);
    expect(evictions).toEqual({ size: 1 });
  });
});
