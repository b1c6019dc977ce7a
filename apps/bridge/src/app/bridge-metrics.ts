import { Counter, Gauge, Registry } from '@gatehouse/shared-observability';
import type { WatchResponse } from '@gatehouse/shared-proto';

export interface BridgeMetrics {
  /** Watch streams open now (the registry's count: one per node). */
  watchStreams(open: number): void;
  /** A node's newer Watch ended its older one. */
  watchReplaced(): void;
  /** A call refused by a limit: `rate` (calls per token or org) or `streams` (Watch streams). */
  callRefused(call: string, limit: 'rate' | 'streams'): void;
  sent(message: WatchResponse): void;
  keyLookup(outcome: 'found' | 'not_found' | 'refused'): void;
  analyticsBatch(outcome: 'stored' | 'duplicate'): void;
}

/** What operators watch on a bridge: connected nodes, what flows to them, key look-ups and analytics. */
export function bridgeMetrics(registry: Registry): BridgeMetrics {
  const streams = new Gauge({
    name: 'gatehouse_bridge_watch_streams',
    help: 'Watch streams open now (one per connected gateway: a reconnecting node replaces its stream).',
    registers: [registry],
  });
  const replaced = new Counter({
    name: 'gatehouse_bridge_watch_replaced_total',
    help: 'Watch streams ended because the same node opened a newer one (it reconnected).',
    registers: [registry],
  });
  const refused = new Counter({
    name: 'gatehouse_bridge_calls_refused_total',
    help: 'Calls refused with RESOURCE_EXHAUSTED, by call and limit: rate (per token or org) or streams.',
    labelNames: ['call', 'limit'],
    registers: [registry],
  });
  const messages = new Counter({
    name: 'gatehouse_bridge_watch_messages_total',
    help: 'Watch messages sent, by event (snapshot_begin, api, policy, snapshot_end, change, key_evict, heartbeat).',
    labelNames: ['event'],
    registers: [registry],
  });
  const lookups = new Counter({
    name: 'gatehouse_bridge_key_lookups_total',
    help: 'GetKey calls by outcome: found, not_found, or refused (bad token or request).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const batches = new Counter({
    name: 'gatehouse_bridge_analytics_batches_total',
    help: 'Analytics batches received, by outcome: stored, or duplicate (already stored, acknowledged again).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  return {
    watchStreams: (open) => streams.set(open),
    watchReplaced: () => replaced.inc(),
    callRefused: (call, limit) => refused.labels(call, limit).inc(),
    sent: (message) => {
      const event = Object.keys(message).find(
        (field) => field !== 'event' && message[field as keyof WatchResponse],
      );
      messages.labels(event?.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) ?? 'unknown').inc();
    },
    keyLookup: (outcome) => lookups.labels(outcome).inc(),
    analyticsBatch: (outcome) => batches.labels(outcome).inc(),
  };
}
