import type { AnalyticsWriterMetrics } from '@gatehouse/gateway-storage';
import type { KeyCacheMetrics } from '@gatehouse/gateway-middleware';
import { Counter, Registry } from '@gatehouse/shared-observability';

/** Gateway series besides the proxy's: key cache effectiveness and analytics delivery. */
export function gatewayMetrics(registry: Registry): {
  keyCache: KeyCacheMetrics;
  analytics: AnalyticsWriterMetrics;
} {
  const cache = new Counter({
    name: 'gatehouse_gateway_key_cache_total',
    help: 'Key lookups by outcome: hit (served from process memory) or miss (asked Redis).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const written = new Counter({
    name: 'gatehouse_gateway_analytics_written_total',
    help: 'Analytics records written to the Redis stream.',
    registers: [registry],
  });
  const dropped = new Counter({
    name: 'gatehouse_gateway_analytics_dropped_total',
    help: 'Analytics records dropped because the in-memory buffer was full while Redis was unreachable.',
    registers: [registry],
  });
  const hit = cache.labels('hit');
  const miss = cache.labels('miss');
  return {
    keyCache: { hit: () => hit.inc(), miss: () => miss.inc() },
    analytics: { written: (count) => written.inc(count), dropped: (count) => dropped.inc(count) },
  };
}
