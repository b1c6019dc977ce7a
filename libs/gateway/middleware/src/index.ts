export { CachedKeyResolver } from './lib/cached-key-resolver';
export type { KeyCacheMetrics, KeyCacheOptions, KeyCacheStats } from './lib/cached-key-resolver';
export type { KeyCacheEvictionReason } from './lib/key-cache-entries';
export * from './lib/chain-builder';
export * from './lib/local-rate-limiter';
export type {
  CachedAnswer,
  ChainOptions,
  FoundSession,
  KeyResolver,
  ResolvedKey,
  ResponseCachePort,
  SessionFinder,
  UnchangedSession,
} from './lib/ports';
export type { JwksFetcher } from './lib/jwt/jwks-keys';
export * from './lib/degrading-limits-store';
export { OAuthEndpoints } from './lib/oauth/oauth-endpoints';
export { ClientRevisions } from './lib/oauth/client-revisions';
export type { OAuthClientLookup, OAuthSettings, OAuthTokenStore } from './lib/oauth/oauth-ports';
