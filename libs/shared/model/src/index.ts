export * from './lib/dependency-probe';
export * from './lib/domain-errors';
export * from './lib/gateway-group';
export * from './lib/secret-hash';
export * from './lib/validate';
export * from './lib/version';
export * from './lib/org-id';
export * from './lib/config-checksum';
