import { createHttpApp, listen } from '@gatehouse/shared-app-runtime';
import { connectMongo } from '@gatehouse/shared-control-store';
import { createMetricsRegistry, Logger } from '@gatehouse/shared-observability';

import { DashboardConfig } from './dashboard.config';
import { DashboardModule } from './dashboard.module';

export const API_PREFIX = 'api/v1';

export interface RunningDashboard {
  url: string;
  /** Stops accepting requests, drains in-flight ones, then closes MongoDB. */
  close(): Promise<void>;
}

/** Starts the dashboard; used by main.ts and by integration tests, which run the real thing in-process. */
export async function startDashboard(config: DashboardConfig, logger: Logger): Promise<RunningDashboard> {
  const mongo = await connectMongo({
    url: config.mongo.url,
    database: config.mongo.database,
    appName: 'dashboard',
    serverSelectionTimeoutMs: config.mongo.serverSelectionTimeoutMs,
  });
  const registry = createMetricsRegistry('dashboard');
  const app = await createHttpApp(DashboardModule.forRoot({ db: mongo.db, registry }), { logger });
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
