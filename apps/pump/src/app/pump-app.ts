import { createHttpApp, listen } from '@gatehouse/shared-app-runtime';
import { connectRedis, redisProbe } from '@gatehouse/shared-keyspace';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-model';
import { createMetricsRegistry, Logger } from '@gatehouse/shared-observability';

import { PumpConfig } from './pump.config';

export interface RunningPump {
  url: string;
  close(): Promise<void>;
}

/** Starts the pump's process shell (Redis connection, health, metrics); used by main.ts and tests. */
export async function startPump(config: PumpConfig, logger: Logger): Promise<RunningPump> {
  const redis = await connectRedis(
    { url: config.redis.url, connectionName: 'gatehouse-pump' },
    config.redis.startupTimeoutMs,
  );
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection problem'));
  const app = await createHttpApp({
    logger,
    component: { name: 'pump', version: GATEHOUSE_VERSION },
    registry: createMetricsRegistry('pump'),
    probes: [redisProbe(redis)],
  });
  const url = await listen(app, config.http.host, config.http.port);
  return {
    url,
    close: async () => {
      await app.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
