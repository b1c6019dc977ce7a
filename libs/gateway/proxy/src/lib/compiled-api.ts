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
  breakers: Map<CircuitBreakerRule, CircuitBreaker>;
}

export function compileApi(spec: ApiSpec, stages: readonly Stage[]): CompiledApi {
  const breakers = new Map<CircuitBreakerRule, CircuitBreaker>();
  for (const version of spec.versions.values()) {
    for (const rule of version.circuitBreakers) breakers.set(rule, new CircuitBreaker(rule));
  }
  return { spec, stages, targets: new RoundRobin(spec.upstream.targets), breakers };
}
