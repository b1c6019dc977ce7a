export * from './lib/backfilling-session-finder';
export * from './lib/catalogue-mirror';
export * from './lib/hybrid-mode';
export * from './lib/hybrid-ports';
