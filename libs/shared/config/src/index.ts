export * from './lib/common-settings';
export * from './lib/env-names';
export * from './lib/load-config';
