export * from './lib/node-calls.service';
export { watchRequestSchema } from './lib/node-requests';
export * from './lib/sync-ports';
export * from './lib/watch-session';
export * from './lib/node-call-limits';
export * from './lib/watch-registry';
