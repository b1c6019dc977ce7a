export * from './lib/dashboard-schemas';
export * from './lib/roles';
export * from './lib/passwords';
export * from './lib/storable-document';
export * from './lib/analytics-queries';
export * from './lib/definition-secrets';
