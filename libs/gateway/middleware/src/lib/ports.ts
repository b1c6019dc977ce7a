import type { SessionState } from '@gatehouse/shared-tyk-compat';

/**
 * How a credential reached the gateway. A session made for basic auth (it holds a password) is only
 * usable through basic auth, and the other way round: a user name alone is not a key.
 */
export type PresentedAs = 'basic' | 'key';

/** A key found for a request: the id it is stored under, its analytics reference and effective session. */
export interface ResolvedKey {
  keyId: string;
  /** Non-reversible reference recorded in analytics instead of the lookup id. */
  ref: string;
  session: SessionState;
}

/**
 * A session as its store holds it. `version` identifies the stored document (a digest of it): a later
 * lookup that presents it learns whether the document changed without the store decoding it again.
 */
export interface FoundSession {
  session: SessionState;
  version?: string;
}

/** The store still holds the version the caller presented; nothing was decoded. */
export interface UnchangedSession {
  unchanged: true;
}

/** Where sessions live: regional Redis in standalone mode; the bridge-backed store in hybrid mode. */
export interface SessionFinder {
  /**
   * The session stored under `keyId`. With `known` (a version this store gave before), a store that
   * still holds exactly that version may answer {@link UnchangedSession} instead.
   */
  lookup(keyId: string, known?: string): Promise<FoundSession | UnchangedSession | undefined>;
  /**
   * Moves a session found under a Tyk id to the id Gatehouse computes for the same key (re-hash on
   * first successful use); answers whether it moved. Stores the control plane owns do not implement it.
   */
  adopt?(legacyId: string, keyId: string): Promise<boolean>;
}

/**
 * Finds keys: in-process cache, then regional Redis (and, in hybrid mode, the bridge). A cache hit is
 * answered synchronously, so the common case costs no promise.
 */
export interface KeyResolver {
  resolve(rawKey: string): ResolvedKey | undefined | Promise<ResolvedKey | undefined>;
}

/** Whether a session may be used when presented this way (see {@link PresentedAs}). */
export function usableAs(session: SessionState, presentedAs: PresentedAs): boolean {
  const isBasicAuthUser = session.basic_auth_data.password !== '';
  return presentedAs === 'basic' ? isBasicAuthUser : !isBasicAuthUser;
}

export interface ChainOptions {
  /** `quotas` (Tyk's default): the X-RateLimit-* headers describe the quota; `rate_limits`: the rate. */
  rateLimitHeaders: 'quotas' | 'rate_limits';
  /** `redis`: exact across the region; `local`: per process, no Redis round trip. */
  rateLimiter: 'redis' | 'local';
}

/** A stored answer of the response cache. */
export interface CachedAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** The region's response cache (Tyk's cache-<api> entries in Redis). */
export interface ResponseCachePort {
  get(apiId: string, digest: string): Promise<CachedAnswer | undefined>;
  set(apiId: string, digest: string, response: CachedAnswer, ttlSeconds: number): Promise<void>;
}
