export * from './lib/graceful-shutdown';
export * from './lib/logger';
export * from './lib/metrics';
export * from './lib/request-id';
