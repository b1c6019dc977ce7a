import { UnavailableError } from '@gatehouse/shared-kernel';
import {
  applyPolicies,
  KeyHasher,
  keyReference,
  PolicyApplicationError,
  PolicyLookup,
  SessionState,
} from '@gatehouse/shared-tyk-compat';

import type { KeyResolver, ResolvedKey } from './ports';

/** Where sessions live: regional Redis in standalone mode; the bridge-backed store in hybrid mode. */
export interface SessionFinder {
  find(keyId: string): Promise<{ session: SessionState } | undefined>;
  /**
   * Moves a session found under a Tyk id to the id Gatehouse computes for the same key (re-hash on
   * first successful use); answers whether it moved. Stores the control plane owns do not implement it.
   */
  adopt?(legacyId: string, keyId: string): Promise<boolean>;
}

export interface KeyCacheOptions {
  /** How long a found key is trusted before the store is asked again (Tyk's cached_session_timeout). */
  ttlMs: number;
  /** How long an unknown key is remembered as unknown, so random keys cannot hammer the store. */
  negativeTtlMs: number;
  maxEntries: number;
}

export interface KeyCacheMetrics {
  hit(): void;
  miss(): void;
  /** A key was served from an expired cache entry because its store could not be reached. */
  stale(): void;
}

interface Entry {
  value: ResolvedKey | undefined;
  expiresAt: number;
}

export const KEY_STORE_UNAVAILABLE = 'the key store cannot be reached';

/**
 * Resolves raw keys to effective sessions through an in-process cache in front of the session store.
 * Key ids come only from the configured {@link KeyHasher}; policies are applied once per fetch;
 * concurrent lookups of one key share a fetch. When the store cannot be reached, a key seen before keeps
 * working from its expired entry and an unknown key fails with {@link UnavailableError} (never "not found").
 */
export class CachedKeyResolver implements KeyResolver {
  private readonly entries = new Map<string, Entry>();
  private readonly rawKeysById = new Map<string, Set<string>>();
  private readonly inflight = new Map<string, Promise<ResolvedKey | undefined>>();

  constructor(
    private readonly finder: SessionFinder,
    private readonly policies: () => { lookup: PolicyLookup },
    /** Undefined while the gateway cannot hash keys yet (hybrid, before its first sync): keys are refused. */
    private readonly hasher: () => KeyHasher | undefined,
    private readonly options: KeyCacheOptions,
    private readonly metrics: KeyCacheMetrics,
    private readonly now: () => number = Date.now,
  ) {}

  resolve(rawKey: string): ResolvedKey | undefined | Promise<ResolvedKey | undefined> {
    const cached = this.entries.get(rawKey);
    if (cached && cached.expiresAt > this.now()) {
      this.metrics.hit();
      return cached.value;
    }
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

  invalidate(keyIds: readonly string[]): void {
    for (const keyId of keyIds) {
      for (const rawKey of this.rawKeysById.get(keyId) ?? []) this.entries.delete(rawKey);
      this.rawKeysById.delete(keyId);
    }
  }

  clear(): void {
    this.entries.clear();
    this.rawKeysById.clear();
  }

  private async fetch(rawKey: string, expired: Entry | undefined): Promise<ResolvedKey | undefined> {
    const hasher = this.hasher();
    if (!hasher) return undefined;
    const keyId = hasher.idOf(rawKey);
    let found: { keyId: string; session: SessionState } | undefined;
    try {
      found = await this.find(hasher, rawKey, keyId);
    } catch (error) {
      if (expired?.value) {
        this.metrics.stale();
        expired.expiresAt = this.now() + this.options.negativeTtlMs;
        return expired.value;
      }
      throw new UnavailableError(`${KEY_STORE_UNAVAILABLE}: ${(error as Error).message}`);
    }
    let value: ResolvedKey | undefined;
    if (found) {
      try {
        const session = applyPolicies(found.session, this.policies().lookup);
        value = { keyId: found.keyId, ref: keyReference(found.keyId), session };
      } catch (error) {
        if (!(error instanceof PolicyApplicationError)) throw error;
        value = undefined;
      }
    }
    this.remember(rawKey, value?.keyId ?? keyId, value);
    return value;
  }

  /** The primary id first; then the Tyk ids configured for migration, moving a hit to the primary id. */
  private async find(
    hasher: KeyHasher,
    rawKey: string,
    keyId: string,
  ): Promise<{ keyId: string; session: SessionState } | undefined> {
    const stored = await this.finder.find(keyId);
    if (stored) return { keyId, session: stored.session };
    for (const legacyId of hasher.legacyIdsOf(rawKey)) {
      const legacy = await this.finder.find(legacyId);
      if (!legacy) continue;
      const moved = this.finder.adopt ? await this.finder.adopt(legacyId, keyId) : false;
      return { keyId: moved ? keyId : legacyId, session: legacy.session };
    }
    return undefined;
  }

  private remember(rawKey: string, keyId: string, value: ResolvedKey | undefined): void {
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const ttl = value ? this.options.ttlMs : this.options.negativeTtlMs;
    this.entries.delete(rawKey);
    this.entries.set(rawKey, { value, expiresAt: this.now() + ttl });
    let raws = this.rawKeysById.get(keyId);
    if (!raws) {
      raws = new Set();
      this.rawKeysById.set(keyId, raws);
    }
    raws.add(rawKey);
  }
}
