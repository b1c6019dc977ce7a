export * from './lib/fair-concurrency-limiter';
export * from './lib/token-buckets';
