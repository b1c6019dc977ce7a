export * from './lib/config-source';
export { ApiCompiler, EntityChange } from './lib/change-compiler';
export {
  ConfigRuntime,
  ConfigRuntimeDependencies,
  PolicyKeyEvictions,
  RegistryHolder,
} from './lib/config-runtime';
