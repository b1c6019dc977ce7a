import { ApiSpec, CircuitBreakerRule, RoutedApi, Stage } from '@gatehouse/gateway-core';

import { CircuitBreaker } from './circuit-breaker';
import { RoundRobin } from './round-robin';

export interface UpstreamTarget {
  origin: string;
  basePath: string;
}

/** An API ready to serve: its spec, its chain of stages, its balancer and its circuit breakers. */
export interface CompiledApi extends RoutedApi {
  spec: ApiSpec;
  stages: readonly Stage[];
  targets: RoundRobin<UpstreamTarget>;
  /** One breaker per circuit-breaker rule, per version. */
  breakers: ReadonlyMap<CircuitBreakerRule, CircuitBreaker>;
}

/**
 * The breakers of every API without circuit-breaker rules (nearly all): an empty Map with its table
 * costs about 300 bytes, 3 MB across 10,000 APIs.
 */
const NO_BREAKERS: ReadonlyMap<CircuitBreakerRule, CircuitBreaker> = new Map();

export function compileApi(spec: ApiSpec, stages: readonly Stage[]): CompiledApi {
  let breakers: Map<CircuitBreakerRule, CircuitBreaker> | undefined;
  for (const version of spec.versions.values()) {
    for (const rule of version.circuitBreakers) {
      breakers ??= new Map();
      breakers.set(rule, new CircuitBreaker(rule));
    }
  }
  return { spec, stages, targets: new RoundRobin(spec.upstream.targets), breakers: breakers ?? NO_BREAKERS };
}
