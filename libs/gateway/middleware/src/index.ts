export { CachedKeyResolver } from './lib/cached-key-resolver';
export type { KeyCacheMetrics, KeyCacheOptions, KeyCacheStats } from './lib/cached-key-resolver';
export type { KeyCacheEvictionReason } from './lib/key-cache-entries';
export * from './lib/chain-builder';
export * from './lib/local-rate-limiter';
export type {
  ChainOptions,
  FoundSession,
  KeyResolver,
  ResolvedKey,
  SessionFinder,
  UnchangedSession,
} from './lib/ports';
export type { JwksFetcher } from './lib/jwt/jwks-keys';
export * from './lib/degrading-limits-store';
