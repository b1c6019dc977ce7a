import type { AnalyticsWriterMetrics } from '@gatehouse/gateway-storage';
import type { KeyCacheMetrics, KeyCacheStats } from '@gatehouse/gateway-middleware';
import type { BackfillOutcome, HybridMode } from '@gatehouse/gateway-hybrid';
import { Counter, Gauge, Registry } from '@gatehouse/shared-observability';

/** Gateway series besides the proxy's: key cache effectiveness and analytics delivery. */
export function gatewayMetrics(registry: Registry): {
  keyCache: KeyCacheMetrics;
  analytics: AnalyticsWriterMetrics;
  degradedLimits: () => void;
} {
  const cache = new Counter({
    name: 'gatehouse_gateway_key_cache_total',
    help:
      'Key lookups by outcome: hit (served from process memory), miss (asked Redis), or stale (served ' +
      'from an expired entry because Redis could not be reached).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const evictions = new Counter({
    name: 'gatehouse_gateway_key_cache_evictions_total',
    help:
      'Key cache entries dropped before their TTL, by reason: size (over the entry or byte bound), key ' +
      '(the key changed), policy (a policy the key applies changed) or clear (the whole cache dropped).',
    labelNames: ['reason'],
    registers: [registry],
  });
  const degraded = new Counter({
    name: 'gatehouse_gateway_degraded_limit_checks_total',
    help: 'Rate-limit checks decided in process memory because regional Redis could not be reached.',
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
  const stale = cache.labels('stale');
  // Every series exists from the start, so a dashboard or a rate() sees 0, not a missing line.
  const evictedFor = {
    size: evictions.labels('size'),
    key: evictions.labels('key'),
    policy: evictions.labels('policy'),
    clear: evictions.labels('clear'),
  };
  for (const series of [hit, miss, stale, ...Object.values(evictedFor)]) series.inc(0);
  return {
    keyCache: {
      hit: () => hit.inc(),
      miss: () => miss.inc(),
      stale: () => stale.inc(),
      evicted: (reason, count) => evictedFor[reason].inc(count),
    },
    degradedLimits: () => degraded.inc(),
    analytics: { written: (count) => written.inc(count), dropped: (count) => dropped.inc(count) },
  };
}

/**
 * The key cache's size, read from the resolver when /metrics is scraped; separate from
 * {@link gatewayMetrics} because the resolver is built after (and from) those callbacks.
 */
export function keyCacheGauges(registry: Registry, stats: () => KeyCacheStats): void {
  new Gauge({
    name: 'gatehouse_gateway_key_cache_entries',
    help: 'Keys held in the key cache, known and remembered as unknown.',
    registers: [registry],
    collect() {
      this.set(stats().entries);
    },
  });
  new Gauge({
    name: 'gatehouse_gateway_key_cache_bytes',
    help:
      "The key cache's estimated size: raw key plus session JSON length plus a fixed overhead per entry " +
      '(an estimate of what the byte bound counts, not heap bytes).',
    registers: [registry],
    collect() {
      this.set(stats().bytes);
    },
  });
}

/**
 * Hybrid mode's series: key back-fills (a callback the mode is built with), then, once it exists, the
 * link to the control plane and the applied revision (`track`).
 */
export function hybridMetrics(registry: Registry): {
  backfilled: (outcome: BackfillOutcome) => void;
  track: (hybrid: HybridMode) => void;
} {
  const backfills = new Counter({
    name: 'gatehouse_gateway_key_backfills_total',
    help: 'Keys missing from regional Redis, by outcome: found, not_found, offline, over_budget or error.',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const track = (hybrid: HybridMode): void => {
    new Gauge({
      name: 'gatehouse_gateway_bridge_connected',
      help: '1 while a Watch stream from a bridge is live; 0 while serving from what the gateway holds.',
      registers: [registry],
      collect() {
        this.set(hybrid.link.connected ? 1 : 0);
      },
    });
    new Gauge({
      name: 'gatehouse_gateway_config_applied_rev',
      help: 'The control-plane revision this gateway has applied (its Watch cursor).',
      registers: [registry],
      collect() {
        this.set(hybrid.mirror.cursor);
      },
    });
  };
  return { backfilled: (outcome) => backfills.labels(outcome).inc(), track };
}
