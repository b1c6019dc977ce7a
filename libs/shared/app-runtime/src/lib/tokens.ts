/** Injection tokens for what every process provides to the runtime module. */
export const DEPENDENCY_PROBES = Symbol('DEPENDENCY_PROBES');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const COMPONENT_INFO = Symbol('COMPONENT_INFO');

export interface ComponentInfo {
  name: string;
  version: string;
}
