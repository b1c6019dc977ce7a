import 'reflect-metadata';

import { bootProcess, runMain } from '@gatehouse/shared-app-runtime';
import { installGracefulShutdown } from '@gatehouse/shared-observability';

import { bridgeConfigSchema } from './app/bridge.config';
import { startBridge } from './app/bridge-app';

runMain('bridge', async () => {
  const { config, logger } = bootProcess('bridge', bridgeConfigSchema, process.env);
  const bridge = await startBridge(config, logger);
  logger.info({ grpc: bridge.grpcAddress, http: bridge.httpUrl }, 'bridge listening');
  installGracefulShutdown({ logger, timeoutMs: config.shutdownTimeoutMs, close: bridge.close });
});
