export * from './lib/json-folder.store';
export * from './lib/tyk-file-stores';
