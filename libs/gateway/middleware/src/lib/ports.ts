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
