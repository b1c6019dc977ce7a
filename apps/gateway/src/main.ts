import 'reflect-metadata';

import { bootProcess, limitHeapGrowth, runMain } from '@gatehouse/shared-app-runtime';
import { installGracefulShutdown } from '@gatehouse/shared-observability';
import cluster from 'node:cluster';

import { GatewayConfig, gatewayConfigSchema, TYK_ENV } from './app/gateway.config';
import { startGateway } from './app/gateway-app';
import { superviseWorkers } from './app/worker-supervisor';

runMain('gateway', async () => {
  const { config, logger } = bootProcess<typeof gatewayConfigSchema>(
    'gateway',
    gatewayConfigSchema,
    process.env,
    {
      legacyEnv: TYK_ENV,
    },
  );
  limitHeapGrowth(config.heap_growth_percent);
  if (config.workers > 1 && cluster.isPrimary) {
    superviseWorkers(config.workers, config.shutdown_timeout_ms, logger);
    return;
  }
  const gateway = await startGateway(config as GatewayConfig, logger);
  logger.info({ proxy: gateway.proxyUrl, control: gateway.controlUrl }, 'gateway listening');
  // The proxy drain gets the whole budget; the extra second covers closing the rest after it.
  installGracefulShutdown({ logger, timeoutMs: config.shutdown_timeout_ms + 1000, close: gateway.close });
});
