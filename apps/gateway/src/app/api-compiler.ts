import { ApiSpec, FailureCounter, LimitsStore, Registry, RoutedApi } from '@gatehouse/gateway-core';
import {
  ChainBuilder,
  ChainDependencies,
  ClientRevisions,
  DegradingLimitsStore,
  KeyResolver,
  LocalRateLimiter,
  ResponseCachePort,
} from '@gatehouse/gateway-middleware';
import { CompiledApi, compileApi } from '@gatehouse/gateway-proxy';

import type { GatewayConfig } from './gateway.config';

/**
 * How the runtime turns one API spec into what the proxy serves: its chain of stages (only those the
 * API enables) over the gateway's shared key cache, limits and throttles, its balancer and breakers.
 */
export function apiCompiler(
  config: GatewayConfig,
  keys: KeyResolver,
  limits: LimitsStore,
  registry: { readonly current: Registry<RoutedApi> },
  degradedLimitCheck: () => void,
  responseCache: ResponseCachePort,
  oauthClients?: ClientRevisions,
): (spec: ApiSpec) => CompiledApi {
  const deps: ChainDependencies = {
    keys,
    policies: () => (id: string) => registry.current.policy(id),
    // While regional Redis is down, keys keep their rate limits in process memory (counted as degraded).
    limits: new DegradingLimitsStore(limits, new LocalRateLimiter(), degradedLimitCheck),
    localLimiter: config.rate_limiter === 'local' ? new LocalRateLimiter() : undefined,
    options: { rateLimitHeaders: config.rate_limit_response_headers, rateLimiter: config.rate_limiter },
    keyFormat: config.hash_key_function,
    basicAuthThrottle: new FailureCounter({ limit: 10, windowMs: 60_000, maxSources: 100_000 }),
    responseCache,
    oauthClients,
  };
  const chains = new ChainBuilder(deps);
  return (spec) => compileApi(spec, chains.build(spec));
}
