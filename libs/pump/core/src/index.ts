export * from './lib/aggregates';
export * from './lib/record-filters';
export * from './lib/sink';
export * from './lib/sink-runner';
export * from './lib/stream-entries';
export * from './lib/stream-port';
export * from './lib/record-shaping';
