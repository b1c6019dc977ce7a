import { createHttpApp, listen } from '@gatehouse/shared-app-runtime';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-kernel';
import { createMetricsRegistry, Logger } from '@gatehouse/shared-observability';
import { fromSnakeCase } from '@gatehouse/shared-config';
import { connectRedis, redisProbe, redisTargetOf } from '@gatehouse/shared-redis';

import { PumpConfig } from './pump.config';
import { PumpMetrics } from './pump-metrics';
import { openSinkRuns, SinkRun } from './sink-runs';

export interface RunningPump {
  url: string;
  close(): Promise<void>;
}

/** Runs `task` every `ms` in the background, logging its failures; returns the timer to clear. */
function every(ms: number, logger: Logger, failure: string, task: () => Promise<unknown>): NodeJS.Timeout {
  const timer = setInterval(() => {
    task().catch((error: Error) => logger.warn({ err: error.message }, failure));
  }, ms);
  timer.unref();
  return timer;
}

/**
 * Gateways never trim the stream (a full one refuses and counts new batches): the pump deletes what
 * every sink's group has acknowledged, through any one sink's view (trimming covers every group).
 */
function trimStream(runs: SinkRun[]): Promise<number> {
  return runs[0]?.stream.trimAcknowledged() ?? Promise.resolve(0);
}

/**
 * Starts the pump: one runner per configured sink, each with its own consumer group on the analytics
 * stream, plus health and metrics. A sink that cannot open stops the start with its name.
 */
export async function startPump(config: PumpConfig, logger: Logger): Promise<RunningPump> {
  const redis = await connectRedis(
    { ...redisTargetOf(fromSnakeCase(config.redis)), connectionName: 'gatehouse-pump' },
    config.redis.startup_timeout_ms,
  );
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection problem'));
  const registry = createMetricsRegistry('pump');
  const runs = await openSinkRuns(config, redis, {
    registry,
    metrics: new PumpMetrics(registry),
    logger,
  }).catch((error: unknown) => {
    redis.disconnect();
    throw error;
  });
  for (const run of runs) run.runner.start();
  const timers = [
    every(config.stream.trim_interval_ms, logger, 'trimming the stream failed', () => trimStream(runs)),
    every(config.purge_interval_seconds * 1000, logger, 'purging expired records failed', () =>
      Promise.all(runs.map((run) => run.purge?.())),
    ),
  ];
  logger.info({ sinks: runs.map((run) => run.name), stream: config.stream.name }, 'pump sinks started');
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
      for (const timer of timers) clearInterval(timer);
      await Promise.all(runs.map((run) => run.runner.stop()));
      await app.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
