export { JsonFolderStore } from './lib/json-folder.store';
export type { LoadedFile } from './lib/json-folder.store';
export * from './lib/tyk-file-stores';
export { DefinitionFolders } from './lib/definition-folders';
export type { DefinitionFolderPaths } from './lib/definition-folders';
