import { Counter, Gauge, Registry } from '@gatehouse/shared-observability';

export type DropReason = 'slow_consumer' | 'processor_failed' | 'deleted' | 'too_many_connections';

/** What streams report; labels are `<api_id>/<stream>` and the component type. */
export interface StreamMetrics {
  messageIn(stream: string, component: string): void;
  messageOut(stream: string, component: string, bytes: number): void;
  dropped(stream: string, reason: DropReason): void;
  error(stream: string, component: string): void;
  retried(stream: string, component: string): void;
  deadLettered(stream: string, component: string): void;
  consumers(stream: string, output: string, delta: number): void;
  lag(stream: string, component: string, messages: number): void;
}

/** Prometheus series for streams, registered once per gateway. */
export function prometheusStreamMetrics(registry: Registry): StreamMetrics {
  const counter = (name: string, help: string, labelNames: string[]) =>
    new Counter({ name: `gatehouse_gateway_stream_${name}`, help, labelNames, registers: [registry] });
  const gauge = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name: `gatehouse_gateway_stream_${name}`, help, labelNames, registers: [registry] });
  const byComponent = (name: string, help: string) => counter(name, help, ['stream', 'component']);
  const messagesIn = byComponent('messages_in_total', 'Messages a stream took in, by input.');
  const messagesOut = byComponent('messages_out_total', 'Messages delivered, by output.');
  const bytesOut = byComponent('bytes_out_total', 'Message bytes delivered, by output.');
  const drops = counter(
    'dropped_total',
    'Messages or connections dropped: slow_consumer (buffer full, consumer cut off), processor_failed, ' +
      'deleted (a mapping dropped it), too_many_connections (per-key limit).',
    ['stream', 'reason'],
  );
  const errors = byComponent('errors_total', 'Component failures (broker down, write failed).');
  const retries = byComponent('retries_total', 'Output writes retried.');
  const dead = byComponent('dead_letters_total', 'Messages moved to the dead-letter stream.');
  const connected = gauge('consumers', 'Consumers connected to this gateway, by output.', [
    'stream',
    'output',
  ]);
  const lagging = gauge(
    'lag_messages',
    "Messages in the region's stream log not yet delivered by an output's consumer group.",
    ['stream', 'component'],
  );
  return {
    messageIn: (stream, component) => messagesIn.inc({ stream, component }),
    messageOut: (stream, component, bytes) => {
      messagesOut.inc({ stream, component });
      bytesOut.inc({ stream, component }, bytes);
    },
    dropped: (stream, reason) => drops.inc({ stream, reason }),
    error: (stream, component) => errors.inc({ stream, component }),
    retried: (stream, component) => retries.inc({ stream, component }),
    deadLettered: (stream, component) => dead.inc({ stream, component }),
    consumers: (stream, output, delta) => connected.inc({ stream, output }, delta),
    lag: (stream, component, messages) => lagging.set({ stream, component }, messages),
  };
}
