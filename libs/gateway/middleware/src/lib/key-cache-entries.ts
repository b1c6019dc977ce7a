import type { SessionState } from '@gatehouse/shared-tyk-compat';

import type { ResolvedKey } from './ports';

/** Why entries left the key cache before their TTL ran out. */
export type KeyCacheEvictionReason = 'size' | 'key' | 'policy' | 'clear';

/** What the key cache holds for one raw key. */
export interface KeyCacheEntry {
  /** Undefined for a key that is unknown or whose policies could not apply. */
  value: ResolvedKey | undefined;
  expiresAt: number;
  /** The id the key was found (or looked for) under: eviction by key id reaches the entry through it. */
  keyId: string;
  /**
   * The stored session's policies, also for a key refused because they could not apply: creating a
   * missing policy must make such a key usable at once, not after the negative TTL.
   */
  policyIds: readonly string[];
  /** See {@link estimateEntryBytes}. */
  bytes: number;
  /** The stored session's version (`FoundSession.version`), when its store gives one. */
  version?: string;
}

/**
 * Per entry, beyond its raw key and session: the entry and `ResolvedKey` objects, the key id and
 * reference strings, and a slot in three maps. A round figure, not a measurement.
 */
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * An estimate of what an entry costs: the raw key's length, the JSON length of the session (taken once,
 * when it is fetched) and {@link ENTRY_OVERHEAD_BYTES}. It counts characters, not V8 heap bytes; it is
 * meant to bound the cache when sessions are large (many APIs, long URL lists), not to account for memory.
 */
export function estimateEntryBytes(rawKey: string, session: SessionState | undefined): number {
  return rawKey.length + (session ? JSON.stringify(session).length : 0) + ENTRY_OVERHEAD_BYTES;
}

export interface KeyCacheBounds {
  maxEntries: number;
  maxBytes: number;
}

/**
 * The key cache's entries by raw key, in insertion order (the oldest is evicted first), with two indexes
 * kept in step with them: key id → raw keys and policy id → raw keys, so evicting by either costs what
 * is evicted, not a scan of the cache. Every removal goes through {@link delete}, which is what keeps the
 * indexes from holding raw keys whose entries are gone.
 */
export class KeyCacheEntries {
  private readonly byRawKey = new Map<string, KeyCacheEntry>();
  private readonly rawKeysById: RawKeyIndex = new Map();
  private readonly rawKeysByPolicy: RawKeyIndex = new Map();
  private totalBytes = 0;

  constructor(
    private readonly bounds: KeyCacheBounds,
    private readonly evicted: (reason: KeyCacheEvictionReason, count: number) => void,
  ) {}

  get size(): number {
    return this.byRawKey.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get(rawKey: string): KeyCacheEntry | undefined {
    return this.byRawKey.get(rawKey);
  }

  /**
   * Stores an entry as the newest, replacing any for the same raw key, then evicts the oldest until both
   * bounds hold. An entry larger than `maxBytes` on its own is not kept (rather than emptying the cache).
   */
  set(rawKey: string, entry: KeyCacheEntry): void {
    this.delete(rawKey);
    if (entry.bytes > this.bounds.maxBytes || this.bounds.maxEntries < 1) {
      this.evicted('size', 1);
      return;
    }
    let dropped = 0;
    while (
      this.byRawKey.size >= this.bounds.maxEntries ||
      this.totalBytes + entry.bytes > this.bounds.maxBytes
    ) {
      const oldest = this.byRawKey.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
      dropped++;
    }
    if (dropped > 0) this.evicted('size', dropped);
    this.byRawKey.set(rawKey, entry);
    this.totalBytes += entry.bytes;
    link(this.rawKeysById, entry.keyId, rawKey);
    for (const policyId of entry.policyIds) link(this.rawKeysByPolicy, policyId, rawKey);
  }

  /**
   * Keeps an entry as it is until `expiresAt`, as the newest: its store still holds what it was built
   * from. The indexes are untouched (same key id and policies), so a renewal allocates nothing.
   */
  renew(rawKey: string, entry: KeyCacheEntry, expiresAt: number): void {
    this.byRawKey.delete(rawKey);
    this.byRawKey.set(rawKey, entry);
    entry.expiresAt = expiresAt;
  }

  /** Evicts the entries found under these key ids; answers how many. */
  deleteKeyIds(keyIds: readonly string[]): number {
    return this.deleteThrough(this.rawKeysById, keyIds, 'key');
  }

  /** Evicts the entries built from any of these policies; answers how many. */
  deletePolicies(policyIds: readonly string[]): number {
    return this.deleteThrough(this.rawKeysByPolicy, policyIds, 'policy');
  }

  clear(): number {
    const count = this.byRawKey.size;
    this.byRawKey.clear();
    this.rawKeysById.clear();
    this.rawKeysByPolicy.clear();
    this.totalBytes = 0;
    if (count > 0) this.evicted('clear', count);
    return count;
  }

  /** How many raw keys each index holds in all, for specs proving that nothing leaks. */
  census(): { entries: number; byKeyId: number; byPolicy: number } {
    const sum = (index: RawKeyIndex) =>
      [...index.keys()].reduce((n, id) => n + rawKeysOf(index, id).length, 0);
    return {
      entries: this.byRawKey.size,
      byKeyId: sum(this.rawKeysById),
      byPolicy: sum(this.rawKeysByPolicy),
    };
  }

  private deleteThrough(index: RawKeyIndex, ids: readonly string[], reason: KeyCacheEvictionReason): number {
    let count = 0;
    for (const id of ids) {
      for (const rawKey of rawKeysOf(index, id)) if (this.delete(rawKey)) count++;
    }
    if (count > 0) this.evicted(reason, count);
    return count;
  }

  private delete(rawKey: string): boolean {
    const entry = this.byRawKey.get(rawKey);
    if (!entry) return false;
    this.byRawKey.delete(rawKey);
    this.totalBytes -= entry.bytes;
    unlink(this.rawKeysById, entry.keyId, rawKey);
    for (const policyId of entry.policyIds) unlink(this.rawKeysByPolicy, policyId, rawKey);
    return true;
  }
}

/**
 * Raw keys by id. Most ids have one raw key: it is held as the string itself, and a set only once a
 * second arrives (a set costs about 200 bytes, per key at 100,000 keys).
 */
type RawKeyIndex = Map<string, string | Set<string>>;

/** A copy, so that deleting entries while walking it is safe. */
function rawKeysOf(index: RawKeyIndex, id: string): string[] {
  const held = index.get(id);
  if (held === undefined) return [];
  return typeof held === 'string' ? [held] : [...held];
}

function link(index: RawKeyIndex, id: string, rawKey: string): void {
  const held = index.get(id);
  if (held === undefined || held === rawKey) index.set(id, rawKey);
  else if (typeof held === 'string') index.set(id, new Set([held, rawKey]));
  else held.add(rawKey);
}

/** Drops an emptied id too, so ids of long-gone keys do not pile up in the index. */
function unlink(index: RawKeyIndex, id: string, rawKey: string): void {
  const held = index.get(id);
  if (held === undefined) return;
  if (typeof held === 'string') {
    if (held === rawKey) index.delete(id);
    return;
  }
  held.delete(rawKey);
  if (held.size === 0) index.delete(id);
}
