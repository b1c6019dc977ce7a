import { createHttpApp, listen } from '@gatehouse/shared-app-runtime';
import { createRedisClient, waitForRedis } from '@gatehouse/shared-keyspace';
import { createMetricsRegistry, Logger } from '@gatehouse/shared-observability';

import { PumpConfig } from './pump.config';
import { PumpModule } from './pump.module';

export interface RunningPump {
  url: string;
  close(): Promise<void>;
}

/** Starts the pump's process shell (Redis connection, health, metrics); used by main.ts and tests. */
export async function startPump(config: PumpConfig, logger: Logger): Promise<RunningPump> {
  const redis = createRedisClient({ url: config.redis.url, connectionName: 'gatehouse-pump' });
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection problem'));
  try {
    await waitForRedis(redis, config.redis.startupTimeoutMs);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  const registry = createMetricsRegistry('pump');
  const app = await createHttpApp(PumpModule.forRoot({ redis, registry }), { logger });
  const url = await listen(app, config.http.host, config.http.port);
  return {
    url,
    close: async () => {
      await app.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
