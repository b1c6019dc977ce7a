export { JsonFolderStore } from './lib/json-folder.store';
export type { LoadedFile } from './lib/json-folder.store';
export * from './lib/tyk-file-stores';
