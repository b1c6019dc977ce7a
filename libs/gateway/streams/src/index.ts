export * from './lib/stream-supervisor';
export * from './lib/stream-endpoints';
export * from './lib/stream-metrics';
export * from './lib/stream-identity';
export * from './lib/ports';
export type { GroupReader } from './lib/output-worker';
export type { IngestOutcome, StreamRuntimeDependencies, StreamStatus } from './lib/running-stream';
export { RegionConnectionLimit } from './lib/consumers/region-connection-limit';
export type { Slots } from './lib/consumers/region-connection-limit';
