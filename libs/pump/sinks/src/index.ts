export * from './lib/redis-analytics-stream';
export * from './lib/sink-config';
export * from './lib/sink-registry';
export * from './lib/sink-type';
