export * from './lib/dashboard-schemas';
export * from './lib/org-id';
export * from './lib/roles';
export * from './lib/passwords';
export * from './lib/storable-document';
