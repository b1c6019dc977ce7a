import 'reflect-metadata';

import { bootProcess, runMain } from '@gatehouse/shared-app-runtime';
import { installGracefulShutdown } from '@gatehouse/shared-observability';

import { pumpConfigSchema } from './app/pump.config';
import { startPump } from './app/pump-app';

runMain('pump', async () => {
  const { config, logger } = bootProcess('pump', pumpConfigSchema, process.env);
  const pump = await startPump(config, logger);
  logger.info({ url: pump.url }, 'pump listening');
  installGracefulShutdown({ logger, timeoutMs: config.shutdownTimeoutMs, close: pump.close });
});
