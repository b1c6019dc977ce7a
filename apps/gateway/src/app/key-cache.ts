import { CachedKeyResolver, KeyCacheMetrics, SessionFinder } from '@gatehouse/gateway-middleware';
import type { Registry, RoutedApi } from '@gatehouse/gateway-core';
import type { KeyHasher } from '@gatehouse/shared-tyk-compat';

import type { GatewayConfig } from './gateway.config';

/** Unknown keys are remembered this long, so random keys cannot hammer Redis or the bridge. */
const NEGATIVE_TTL_MS = 2000;

/**
 * The in-process key cache in front of regional Redis (standalone) or the back-filling finder (hybrid),
 * bounded by `local_session_cache.max_entries` and `max_bytes`.
 */
export function createKeyCache(
  config: GatewayConfig,
  finder: SessionFinder,
  hasher: () => KeyHasher | undefined,
  registry: { readonly current: Registry<RoutedApi> },
  metrics: KeyCacheMetrics,
): CachedKeyResolver {
  const cache = config.local_session_cache;
  return new CachedKeyResolver(
    finder,
    () => ({ lookup: (id: string) => registry.current.policy(id) }),
    hasher,
    {
      ttlMs: cache.disable_cached_session_state ? 0 : cache.cached_session_timeout * 1000,
      negativeTtlMs: NEGATIVE_TTL_MS,
      maxEntries: cache.max_entries,
      maxBytes: cache.max_bytes,
    },
    metrics,
  );
}
