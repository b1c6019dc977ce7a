import type { SessionState } from '@gatehouse/shared-tyk-compat';

/** A key found for a request: the id it is stored under and its effective session (policies applied). */
export interface ResolvedKey {
  keyId: string;
  session: SessionState;
}

/**
 * Finds keys: in-process cache, then regional Redis (and, in hybrid mode, the bridge). A cache hit is
 * answered synchronously, so the common case costs no promise.
 */
export interface KeyResolver {
  resolve(rawKey: string): ResolvedKey | undefined | Promise<ResolvedKey | undefined>;
}

export interface ChainOptions {
  /** `quotas` (Tyk's default): the X-RateLimit-* headers describe the quota; `rate_limits`: the rate. */
  rateLimitHeaders: 'quotas' | 'rate_limits';
  /** `redis`: exact across the region; `local`: per process, no Redis round trip. */
  rateLimiter: 'redis' | 'local';
}
