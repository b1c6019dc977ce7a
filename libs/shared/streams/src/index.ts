export * from './lib/bloblang/mapping';
export { MappingRuntimeError } from './lib/bloblang/methods';
export { MappingSyntaxError } from './lib/bloblang/tokens';
export type { ContextRef } from './lib/bloblang/ast';
