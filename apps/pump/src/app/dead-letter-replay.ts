import { parseEntry, passesFilters, shapeRecord } from '@gatehouse/pump-core';
import { connectRedis } from '@gatehouse/shared-redis';
import { Logger, Registry } from '@gatehouse/shared-observability';

import { runnerOptions } from './pump-app';
import { PumpConfig } from './pump.config';
import { openSink } from './sinks/sink-registry';

/**
 * Writes dead-lettered entries again, each to the sink that failed it, under its original entry id (so
 * idempotent sinks still write it once), and deletes each from the dead-letter stream once written.
 * Entries that fail again stay. Returns how many were replayed.
 */
export async function replayDeadLetters(
  config: PumpConfig,
  logger: Logger,
  onlySink?: string,
): Promise<number> {
  const redis = await connectRedis(
    { url: config.redis.url, connectionName: 'gatehouse-pump-replay' },
    config.redis.startupTimeoutMs,
  );
  const deadLetters = config.stream.dead_letter_stream || `${config.stream.name}:dead`;
  let replayed = 0;
  try {
    for (const [name, sinkConfig] of Object.entries(config.pumps)) {
      if (onlySink && name !== onlySink) continue;
      // Nothing scrapes the replay command: a prometheus sink counts into a registry of its own.
      const { sink } = await openSink(name, sinkConfig, { registry: new Registry() });
      const options = runnerOptions(config, sinkConfig);
      try {
        for (const [id, fields] of await redis.xrange(deadLetters, '-', '+')) {
          const entry: Record<string, string> = {};
          for (let index = 0; index + 1 < fields.length; index += 2) entry[fields[index]] = fields[index + 1];
          if (entry['sink'] !== `sink:${name}`) continue;
          const parsed = parseEntry({ id: entry['entry'] ?? id, fields: entry });
          if ('unreadable' in parsed) {
            logger.warn(
              { sink: name, entry: id, reason: parsed.unreadable },
              'dead letter cannot be replayed',
            );
            continue;
          }
          const records = parsed.records
            .filter((record) => passesFilters(record, options.filters))
            .map((record) => shapeRecord(record, options.shaping));
          try {
            if (records.length > 0) await sink.write([{ ...parsed, records }]);
            await redis.xdel(deadLetters, id);
            replayed++;
          } catch (error) {
            logger.warn(
              { sink: name, entry: id, err: (error as Error).message },
              'replay failed; the dead letter stays',
            );
          }
        }
      } finally {
        await sink.close?.();
      }
    }
  } finally {
    redis.disconnect();
  }
  return replayed;
}
