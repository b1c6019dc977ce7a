import {
  applyPolicies,
  PolicyApplicationError,
  PolicyLookup,
  SessionState,
  storageKeyId,
} from '@gatehouse/shared-tyk-compat';

import type { KeyResolver, ResolvedKey } from './ports';

/** Where sessions live: regional Redis in standalone mode; the bridge-backed store in hybrid mode. */
export interface SessionFinder {
  find(keyId: string): Promise<{ session: SessionState } | undefined>;
}

export interface KeyCacheOptions {
  hashKeys: boolean;
  /** How long a found key is trusted before Redis is asked again (Tyk's cached_session_timeout). */
  ttlMs: number;
  /** How long an unknown key is remembered as unknown, so random keys cannot hammer Redis. */
  negativeTtlMs: number;
  maxEntries: number;
}

export interface KeyCacheMetrics {
  hit(): void;
  miss(): void;
}

interface Entry {
  value: ResolvedKey | undefined;
  expiresAt: number;
}

/**
 * Resolves raw keys to effective sessions through an in-process cache in front of the session store.
 * Policies are applied once per fetch, not per request. Concurrent lookups of one key share a fetch.
 * Updates and deletes evict by key id (`invalidate`), config reloads clear everything (`clear`).
 */
export class CachedKeyResolver implements KeyResolver {
  private readonly entries = new Map<string, Entry>();
  private readonly rawKeysById = new Map<string, Set<string>>();
  private readonly inflight = new Map<string, Promise<ResolvedKey | undefined>>();

  constructor(
    private readonly finder: SessionFinder,
    private readonly policies: () => { lookup: PolicyLookup },
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
      pending = this.fetch(rawKey).finally(() => this.inflight.delete(rawKey));
      this.inflight.set(rawKey, pending);
    }
    return pending;
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

  private async fetch(rawKey: string): Promise<ResolvedKey | undefined> {
    const keyId = storageKeyId(rawKey, this.options.hashKeys);
    const stored = await this.finder.find(keyId);
    let value: ResolvedKey | undefined;
    if (stored) {
      try {
        value = { keyId, session: applyPolicies(stored.session, this.policies().lookup) };
      } catch (error) {
        if (!(error instanceof PolicyApplicationError)) throw error;
        value = undefined;
      }
    }
    this.remember(rawKey, keyId, value);
    return value;
  }

  private remember(rawKey: string, keyId: string, value: ResolvedKey | undefined): void {
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const ttl = value ? this.options.ttlMs : this.options.negativeTtlMs;
    this.entries.set(rawKey, { value, expiresAt: this.now() + ttl });
    let raws = this.rawKeysById.get(keyId);
    if (!raws) {
      raws = new Set();
      this.rawKeysById.set(keyId, raws);
    }
    raws.add(rawKey);
  }
}
