import type { Registry, StructuredLogger } from '@gatehouse/shared-observability';

import { bridgeSinkType } from './bridge.sink';
import { csvSinkType } from './csv.sink';
import { kafkaSinkType } from './kafka.sink';
import { mongoAggregateSinkType } from './mongo-aggregate.sink';
import { mongoSinkType } from './mongo.sink';
import { prometheusSinkType } from './prometheus.sink';
import type { SinkConfig } from './sink-config';
import type { OpenedSink, SinkType } from './sink-type';
import { statsdSinkType } from './statsd.sink';
import { stdoutSinkType } from './stdout.sink';

/**
 * Every sink type by the name `pumps` entries give as `type` (tyk-pump's registry map). Tyk pump's type
 * names are accepted too: `mongo-pump-aggregate` and, for the bridge, `hybrid`.
 */
export const SINK_TYPES = {
  mongo: mongoSinkType,
  'mongo-aggregate': mongoAggregateSinkType,
  'mongo-pump-aggregate': mongoAggregateSinkType,
  kafka: kafkaSinkType,
  stdout: stdoutSinkType,
  bridge: bridgeSinkType,
  hybrid: bridgeSinkType,
  csv: csvSinkType,
  statsd: statsdSinkType,
  prometheus: prometheusSinkType,
} satisfies Record<string, SinkType>;

export type SinkTypeName = keyof typeof SINK_TYPES;

export const SINK_TYPE_NAMES = Object.keys(SINK_TYPES) as [SinkTypeName, ...SinkTypeName[]];

/**
 * Opens the sink a `pumps` entry describes (its meta was validated with the config). A prometheus sink
 * adds its series to `registry`.
 */
export function openSink(
  config: SinkConfig,
  registry: Registry,
  logger?: StructuredLogger,
): Promise<OpenedSink> {
  const type: SinkType = SINK_TYPES[config.type];
  return type.open(type.meta.parse(config.meta), { registry, timeoutMs: config.timeout * 1000, logger });
}
