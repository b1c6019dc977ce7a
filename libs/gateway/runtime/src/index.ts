export * from './lib/config-source';
export type { ApiCompiler, EntityChange } from './lib/change-compiler';
export { ConfigRuntime } from './lib/config-runtime';
export type { ConfigRuntimeDependencies, PolicyKeyEvictions, RegistryHolder } from './lib/config-runtime';
export { TimeSlicer } from './lib/yield-slices';
