import 'reflect-metadata';

import { bootProcess, runMain } from '@gatehouse/shared-app-runtime';
import { installGracefulShutdown } from '@gatehouse/shared-observability';

import { gatewayConfigSchema } from './app/gateway.config';
import { startGateway } from './app/gateway-app';

runMain('gateway', async () => {
  const { config, logger } = bootProcess('gateway', gatewayConfigSchema, process.env);
  const gateway = await startGateway(config, logger);
  logger.info({ proxy: gateway.proxyUrl, control: gateway.controlUrl }, 'gateway listening');
  // The proxy drain gets the whole budget; the extra second covers closing the control port after it.
  installGracefulShutdown({ logger, timeoutMs: config.shutdownTimeoutMs + 1000, close: gateway.close });
});
