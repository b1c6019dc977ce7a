import 'reflect-metadata';

import { bootProcess, runMain } from '@gatehouse/shared-app-runtime';
import { installGracefulShutdown } from '@gatehouse/shared-observability';

import { dashboardConfigSchema } from './app/dashboard.config';
import { startDashboard } from './app/dashboard-app';

runMain('dashboard', async () => {
  const { config, logger } = bootProcess('dashboard', dashboardConfigSchema, process.env);
  const dashboard = await startDashboard(config, logger);
  logger.info({ url: dashboard.url }, 'dashboard listening');
  installGracefulShutdown({ logger, timeoutMs: config.shutdownTimeoutMs, close: dashboard.close });
});
