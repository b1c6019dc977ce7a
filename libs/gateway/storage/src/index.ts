export * from './lib/analytics-stream.writer';
export * from './lib/cluster-notifications';
export * from './lib/limits.repository';
export * from './lib/session.repository';
export * from './lib/emergency-snapshot.repository';
export * from './lib/stream-message.log';
