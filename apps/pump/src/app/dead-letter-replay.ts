import { fromSnakeCase } from '@gatehouse/shared-config';
import { connectRedis, redisTargetOf } from '@gatehouse/shared-redis';
import { Logger, Registry } from '@gatehouse/shared-observability';

import { PumpConfig } from './pump.config';
import { PumpMetrics } from './pump-metrics';
import { openSinkRuns } from './sink-runs';

/**
 * Writes dead-lettered entries again, each to the sink that failed it, through the sink's runner: as the
 * pump writes (filters, retries with backoff, metrics) and under the original entry ids, so idempotent
 * sinks write each once. A dead letter is deleted once written; those that fail again stay. Returns how
 * many were replayed. `onlySink`: that sink's dead letters only.
 */
export async function replayDeadLetters(
  config: PumpConfig,
  logger: Logger,
  onlySink?: string,
): Promise<number> {
  const names = Object.keys(config.pumps).filter((name) => !onlySink || name === onlySink);
  if (onlySink && names.length === 0) throw new Error(`no sink named ${onlySink} in pumps`);
  const redis = await connectRedis(
    { ...redisTargetOf(fromSnakeCase(config.redis)), connectionName: 'gatehouse-pump-replay' },
    config.redis.startup_timeout_ms,
  );
  // Nothing scrapes the replay command: its series go on a registry of their own.
  const registry = new Registry();
  try {
    const runs = await openSinkRuns(
      config,
      redis,
      { registry, metrics: new PumpMetrics(registry), logger },
      names,
    );
    let replayed = 0;
    try {
      for (const run of runs) replayed += await run.runner.replayDeadLetters();
    } finally {
      await Promise.all(runs.map((run) => run.runner.stop()));
    }
    return replayed;
  } finally {
    redis.disconnect();
  }
}
