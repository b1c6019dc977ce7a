import { createHttpApp, listen } from '@gatehouse/shared-app-runtime';
import { connectMongo, mongoProbe } from '@gatehouse/shared-control-store';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-model';
import { createMetricsRegistry, Logger } from '@gatehouse/shared-observability';

import { DashboardConfig } from './dashboard.config';

export const API_PREFIX = 'api/v1';

export interface RunningDashboard {
  url: string;
  /** Stops accepting requests, drains in-flight ones, then closes MongoDB. */
  close(): Promise<void>;
}

/** Starts the dashboard; used by main.ts and by integration tests, which run the real thing in-process. */
export async function startDashboard(config: DashboardConfig, logger: Logger): Promise<RunningDashboard> {
  const mongo = await connectMongo({ ...config.mongo, appName: 'dashboard' });
  const app = await createHttpApp({
    logger,
    component: { name: 'dashboard', version: GATEHOUSE_VERSION },
    registry: createMetricsRegistry('dashboard'),
    probes: [mongoProbe(mongo.db)],
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'metrics'] });
  const url = await listen(app, config.http.host, config.http.port);
  return {
    url,
    close: async () => {
      await app.close();
      await mongo.client.close();
    },
  };
}
