export * from './lib/redis-client';
export * from './lib/redis-target';
export * from './lib/analytics-intake.stream';
export * from './lib/gcra-rate-limiter';
