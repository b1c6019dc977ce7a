export * from './lib/cached-key-resolver';
export * from './lib/chain-builder';
export * from './lib/local-rate-limiter';
export * from './lib/ports';
export * from './lib/stages/rate-limit-quota.stage';
export * from './lib/jwt/jwks-keys';
export * from './lib/degrading-limits-store';
