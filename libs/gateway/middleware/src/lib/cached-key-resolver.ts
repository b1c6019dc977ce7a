import { UnavailableError } from '@gatehouse/shared-kernel';
import {
  applyPolicies,
  KeyHasher,
  keyReference,
  PolicyApplicationError,
  PolicyLookup,
  sessionPolicyIds,
} from '@gatehouse/shared-tyk-compat';

import { compactSession } from './compact-session';
import { StringInterner } from './string-interner';
import {
  estimateEntryBytes,
  KeyCacheEntries,
  KeyCacheEntry,
  KeyCacheEvictionReason,
} from './key-cache-entries';
import type { FoundSession, KeyResolver, ResolvedKey, SessionFinder, UnchangedSession } from './ports';

/** A session found for a raw key, under the id it was found by. */
interface FoundUnder extends FoundSession {
  keyId: string;
}

export interface KeyCacheOptions {
  /** How long a found key is trusted before the store is asked again (Tyk's cached_session_timeout). */
  ttlMs: number;
  /** How long an unknown key is remembered as unknown, so random keys cannot hammer the store. */
  negativeTtlMs: number;
  maxEntries: number;
  /**
   * Bound on the cache's estimated size (raw key + session JSON + a fixed overhead per entry; an
   * estimate, not heap bytes). 64 MiB when unset.
   */
  maxBytes?: number;
}

export interface KeyCacheMetrics {
  hit(): void;
  miss(): void;
  /** A key was served from an expired cache entry because its store could not be reached. */
  stale(): void;
  /** Entries dropped before their TTL ran out: for the bounds, by key id, by policy, or all at once. */
  evicted(reason: KeyCacheEvictionReason, count: number): void;
}

/** The cache's current size and its lookups so far; hits / (hits + misses) is the hit ratio. */
export interface KeyCacheStats {
  entries: number;
  /** Estimated, see {@link KeyCacheOptions.maxBytes}. */
  bytes: number;
  hits: number;
  misses: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** Shared by every entry without policies (most keys), rather than an empty array each. */
const NO_POLICIES: readonly string[] = Object.freeze([]);

/** Room for the ids of every API and organisation of a large gateway (10,000 APIs) several times over. */
const INTERNED_STRINGS = 65_536;

export const KEY_STORE_UNAVAILABLE = 'the key store cannot be reached';

/**
 * Resolves raw keys to effective sessions through an in-process cache in front of the session store.
 * Key ids come only from the configured {@link KeyHasher}; policies are applied once per fetch;
 * concurrent lookups of one key share a fetch. When the store cannot be reached, a key seen before keeps
 * working from its expired entry and an unknown key fails with {@link UnavailableError} (never "not found").
 * Bounded by entries and by estimated bytes (the oldest inserted goes first); a changed key or policy
 * evicts only the entries built from it, found through indexes rather than a scan. An expired entry
 * whose stored session did not change (same version) is renewed as it is: no decoding, no policies
 * applied again, and nothing new for the garbage collector to promote.
 */
export class CachedKeyResolver implements KeyResolver {
  private readonly entries: KeyCacheEntries;
  private readonly inflight = new Map<string, Promise<ResolvedKey | undefined>>();
  /** Organisation and API ids the cached sessions share; bounded, as a flood of new ids must not grow it. */
  private readonly strings = new StringInterner(INTERNED_STRINGS);
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly finder: SessionFinder,
    private readonly policies: () => { lookup: PolicyLookup },
    /** Undefined while the gateway cannot hash keys yet (hybrid, before its first sync): keys are refused. */
    private readonly hasher: () => KeyHasher | undefined,
    private readonly options: KeyCacheOptions,
    private readonly metrics: KeyCacheMetrics,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new KeyCacheEntries(
      { maxEntries: options.maxEntries, maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES },
      (reason, count) => metrics.evicted(reason, count),
    );
  }

  resolve(rawKey: string): ResolvedKey | undefined | Promise<ResolvedKey | undefined> {
    const cached = this.entries.get(rawKey);
    if (cached && cached.expiresAt > this.now()) {
      this.hits++;
      this.metrics.hit();
      return cached.value;
    }
    this.misses++;
    this.metrics.miss();
    let pending = this.inflight.get(rawKey);
    if (!pending) {
      pending = this.fetch(rawKey, cached).finally(() => this.inflight.delete(rawKey));
      this.inflight.set(rawKey, pending);
    }
    return pending;
  }

  /** The id a raw key is stored under, or undefined when keys cannot be hashed yet. */
  idOf(rawKey: string): string | undefined {
    return this.hasher()?.idOf(rawKey);
  }

  /** Evicts the keys stored under these ids (known or remembered as unknown); answers how many. */
  invalidate(keyIds: readonly string[]): number {
    return this.entries.deleteKeyIds(keyIds);
  }

  /**
   * Evicts the keys whose stored session applies any of these policies (`apply_policies` or the legacy
   * `apply_policy_id`), including keys refused because those policies could not apply; answers how many.
   * Call it once `policies()` already returns the changed policies: a fetch under way then applies them.
   */
  invalidatePolicies(policyIds: readonly string[]): number {
    return this.entries.deletePolicies(policyIds);
  }

  clear(): void {
    this.entries.clear();
  }

  stats(): KeyCacheStats {
    return { entries: this.entries.size, bytes: this.entries.bytes, hits: this.hits, misses: this.misses };
  }

  private async fetch(rawKey: string, expired: KeyCacheEntry | undefined): Promise<ResolvedKey | undefined> {
    const hasher = this.hasher();
    if (!hasher) return undefined;
    const keyId = hasher.idOf(rawKey);
    const known = expired?.value && expired.keyId === keyId ? expired.version : undefined;
    let found: FoundUnder | UnchangedSession | undefined;
    try {
      found = await this.find(hasher, rawKey, keyId, known);
      // Unchanged, but evicted meanwhile (its key or one of its policies changed): build it afresh.
      if (found && 'unchanged' in found && this.entries.get(rawKey) !== expired) {
        found = await this.find(hasher, rawKey, keyId);
      }
    } catch (error) {
      // Only while still cached: an entry evicted meanwhile (its key or a policy changed) is out of date.
      if (expired?.value && this.entries.get(rawKey) === expired) {
        this.metrics.stale();
        expired.expiresAt = this.now() + this.options.negativeTtlMs;
        return expired.value;
      }
      throw new UnavailableError(`${KEY_STORE_UNAVAILABLE}: ${(error as Error).message}`);
    }
    if (found && 'unchanged' in found) {
      // `known` is only ever set from an entry with a value, and the entry is still the cached one.
      const entry = expired as KeyCacheEntry;
      this.entries.renew(rawKey, entry, this.now() + this.options.ttlMs);
      return entry.value;
    }
    let value: ResolvedKey | undefined;
    const policyIds = found ? sessionPolicyIds(found.session) : NO_POLICIES;
    if (found) {
      try {
        const session = compactSession(applyPolicies(found.session, this.policies().lookup), this.strings);
        value = { keyId: found.keyId, ref: keyReference(found.keyId), session };
      } catch (error) {
        if (!(error instanceof PolicyApplicationError)) throw error;
        value = undefined;
      }
    }
    this.entries.set(rawKey, {
      value,
      expiresAt: this.now() + (value ? this.options.ttlMs : this.options.negativeTtlMs),
      keyId: found?.keyId ?? keyId,
      policyIds: policyIds.length > 0 ? policyIds : NO_POLICIES,
      bytes: estimateEntryBytes(rawKey, value?.session),
      version: value ? found?.version : undefined,
    });
    return value;
  }

  /** The primary id first; then the Tyk ids configured for migration, moving a hit to the primary id. */
  private async find(
    hasher: KeyHasher,
    rawKey: string,
    keyId: string,
    known?: string,
  ): Promise<FoundUnder | UnchangedSession | undefined> {
    const stored = await this.finder.lookup(keyId, known);
    if (stored) return 'unchanged' in stored ? stored : { ...stored, keyId };
    for (const legacyId of hasher.legacyIdsOf(rawKey)) {
      const legacy = await this.finder.lookup(legacyId);
      if (!legacy || 'unchanged' in legacy) continue;
      const moved = this.finder.adopt ? await this.finder.adopt(legacyId, keyId) : false;
      // A moved session's version is not kept: the next lookup under the new id decodes it once more.
      return { session: legacy.session, keyId: moved ? keyId : legacyId };
    }
    return undefined;
  }
}
