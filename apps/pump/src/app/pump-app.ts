import { NO_FILTERS, SinkRunner } from '@gatehouse/pump-core';
import { RedisAnalyticsStream, StreamTrimmer } from '@gatehouse/pump-sinks';
import { createHttpApp, listen } from '@gatehouse/shared-app-runtime';
import { connectRedis, Redis, redisProbe } from '@gatehouse/shared-redis';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-kernel';
import { createMetricsRegistry, Logger } from '@gatehouse/shared-observability';
import { hostname } from 'node:os';

import { PumpConfig, SinkConfig } from './pump.config';
import { PumpMetrics } from './pump-metrics';
import { openSink, OpenedSink } from './sinks/sink-registry';

export interface RunningPump {
  url: string;
  close(): Promise<void>;
}

/** The stream as `name`'s consumer group sees it, on a connection of its own (reads block). */
export function sinkStream(redis: Redis, config: PumpConfig, name: string): RedisAnalyticsStream {
  return new RedisAnalyticsStream(redis.duplicate({ enableOfflineQueue: true }), {
    stream: config.stream.name,
    group: `sink:${name}`,
    consumer: config.stream.consumer || hostname(),
    deadLetterStream: config.stream.dead_letter_stream || `${config.stream.name}:dead`,
  });
}

export function runnerOptions(config: PumpConfig, sink: SinkConfig) {
  return {
    entriesPerWrite: config.stream.entries_per_write,
    blockMs: config.stream.block_ms,
    claimIdleMs: config.stream.claim_idle_ms,
    maxAttempts: config.retry.max_attempts,
    backoffMs: config.retry.backoff_ms,
    maxBackoffMs: config.retry.max_backoff_ms,
    filters: { ...NO_FILTERS, ...sink.filters },
    shaping: { omitDetailedRecording: sink.omit_detailed_recording, maxRecordSize: sink.max_record_size },
    writeTimeoutMs: sink.timeout * 1000,
  };
}

/**
 * Starts the pump: one runner per configured sink, each with its own consumer group on the analytics
 * stream, plus health and metrics. A sink that cannot open stops the start with its name.
 */
export async function startPump(config: PumpConfig, logger: Logger): Promise<RunningPump> {
  const redis = await connectRedis(
    { url: config.redis.url, connectionName: 'gatehouse-pump' },
    config.redis.startupTimeoutMs,
  );
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection problem'));
  const registry = createMetricsRegistry('pump');
  const metrics = new PumpMetrics(registry);
  const opened: { name: string; sink: OpenedSink }[] = [];
  try {
    for (const [name, sinkConfig] of Object.entries(config.pumps))
      opened.push({ name, sink: await openSink(name, sinkConfig, { registry }) });
  } catch (error) {
    await Promise.all(opened.map(({ sink }) => sink.sink.close?.()));
    redis.disconnect();
    throw new Error(`a sink could not start: ${(error as Error).message}`);
  }
  const runners = opened.map(({ name, sink }) => {
    const stream = sinkStream(redis, config, name);
    return new SinkRunner(
      sink.sink,
      stream,
      runnerOptions(config, config.pumps[name]),
      metrics.forSink(name, () => stream.lag()),
      logger.child({ pump: name }),
    );
  });
  for (const runner of runners) runner.start();
  // Gateways never trim the stream (a full one refuses and counts new batches): the pump deletes what
  // every sink's group has acknowledged.
  const trimmer = new StreamTrimmer(redis, config.stream.name);
  const trimTimer = setInterval(() => {
    trimmer
      .trimAcknowledged()
      .catch((error: Error) => logger.warn({ err: error.message }, 'trimming the stream failed'));
  }, config.stream.trim_interval_ms);
  trimTimer.unref();
  const purges = opened.flatMap(({ sink }) => (sink.purge ? [sink.purge] : []));
  const purgeTimer = setInterval(() => {
    for (const purge of purges)
      purge().catch((error: Error) => logger.warn({ err: error.message }, 'purging expired records failed'));
  }, config.purge_interval_seconds * 1000);
  purgeTimer.unref();
  logger.info({ sinks: opened.map(({ name }) => name), stream: config.stream.name }, 'pump sinks started');
  const app = await createHttpApp({
    logger,
    component: { name: 'pump', version: GATEHOUSE_VERSION },
    registry,
    probes: [redisProbe(redis)],
  });
  const url = await listen(app, config.http.host, config.http.port);
  return {
    url,
    close: async () => {
      clearInterval(purgeTimer);
      clearInterval(trimTimer);
      await Promise.all(runners.map((runner) => runner.stop()));
      await app.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
