export * from './lib/common-settings';
export * from './lib/env-names';
export * from './lib/load-config';
export * from './lib/tls-settings';
export * from './lib/redis-settings';
export * from './lib/bridge-client-tls';
