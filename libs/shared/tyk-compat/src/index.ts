export * from './lib/api-definition';
export * from './lib/key-token';
export * from './lib/limits';
export * from './lib/policy';
export * from './lib/policy-merge';
export * from './lib/session';
export * from './lib/oas-to-classic';
export * from './lib/analytics-record';
