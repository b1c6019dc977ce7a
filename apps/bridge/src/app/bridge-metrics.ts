import { Counter, Gauge, Registry } from '@gatehouse/shared-observability';
import type { WatchResponse } from '@gatehouse/shared-proto';

export interface BridgeMetrics {
  watchOpened(): void;
  watchClosed(): void;
  sent(message: WatchResponse): void;
  keyLookup(outcome: 'found' | 'not_found' | 'refused'): void;
  analyticsBatch(outcome: 'stored' | 'duplicate'): void;
}

/** What operators watch on a bridge: connected nodes, what flows to them, key look-ups and analytics. */
export function bridgeMetrics(registry: Registry): BridgeMetrics {
  const streams = new Gauge({
    name: 'gatehouse_bridge_watch_streams',
    help: 'Watch streams open now (about one per connected gateway).',
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
    watchOpened: () => streams.inc(),
    watchClosed: () => streams.dec(),
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
