import { NO_FILTERS, SinkRunner, SinkRunnerOptions } from '@gatehouse/pump-core';
import { openSink, RedisAnalyticsStream, SinkConfig } from '@gatehouse/pump-sinks';
import type { Logger, Registry } from '@gatehouse/shared-observability';
import { duplicateRedis, type Redis } from '@gatehouse/shared-redis';
import { hostname } from 'node:os';

import type { PumpConfig } from './pump.config';
import type { PumpMetrics } from './pump-metrics';

/** A configured sink with its runner and its consumer group's view of the stream. */
export interface SinkRun {
  name: string;
  runner: SinkRunner;
  stream: RedisAnalyticsStream;
  /** Deletes expired records, for sinks that need the pump to (MongoDB without TTL indexes). */
  purge?: () => Promise<number>;
}

/** What the runs share: the pump's metrics registry and series, and its logger. */
export interface SinkRunContext {
  registry: Registry;
  metrics: PumpMetrics;
  logger: Logger;
}

function runnerOptions(config: PumpConfig, sink: SinkConfig): SinkRunnerOptions {
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

/** The stream as `name`'s consumer group sees it, on a connection of its own (reads block). */
function sinkStream(redis: Redis, config: PumpConfig, name: string): RedisAnalyticsStream {
  return new RedisAnalyticsStream(duplicateRedis(redis, { enableOfflineQueue: true }), {
    stream: config.stream.name,
    group: `sink:${name}`,
    consumer: config.stream.consumer || hostname(),
    deadLetterStream: config.stream.dead_letter_stream || `${config.stream.name}:dead`,
  });
}

/**
 * Opens the named sinks (every configured one by default), each with a runner on its own consumer group.
 * A sink that cannot open closes those already opened and fails the whole, naming the sink.
 */
export async function openSinkRuns(
  config: PumpConfig,
  redis: Redis,
  context: SinkRunContext,
  names = Object.keys(config.pumps),
): Promise<SinkRun[]> {
  const runs: SinkRun[] = [];
  try {
    for (const name of names) {
      const sinkConfig = config.pumps[name];
      const logger = context.logger.child({ pump: name });
      const opened = await openSink(sinkConfig, context.registry, logger).catch((error: Error) => {
        throw new Error(`sink ${name} could not start: ${error.message}`);
      });
      const stream = sinkStream(redis, config, name);
      const runner = new SinkRunner(
        opened.sink,
        stream,
        runnerOptions(config, sinkConfig),
        context.metrics.forSink(name, () => stream.lag()),
        logger,
      );
      runs.push({ name, runner, stream, purge: opened.purge });
    }
  } catch (error) {
    await Promise.all(runs.map((run) => run.runner.stop()));
    throw error;
  }
  return runs;
}
