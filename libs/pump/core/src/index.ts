export * from './lib/aggregates';
export * from './lib/analytics-stream';
export * from './lib/record-filters';
export * from './lib/record-shaping';
export * from './lib/sink';
export * from './lib/sink-runner';
export * from './lib/stream-entries';
