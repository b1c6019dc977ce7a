import 'reflect-metadata';

import { bootProcess, runMain } from '@gatehouse/shared-app-runtime';
import { installGracefulShutdown } from '@gatehouse/shared-observability';

import { replayDeadLetters } from './app/dead-letter-replay';
import { pumpConfigSchema } from './app/pump.config';
import { startPump } from './app/pump-app';

// `main.js replay [sink]` writes dead-lettered entries again and exits; no argument runs the pump.
runMain('pump', async () => {
  const { config, logger } = bootProcess('pump', pumpConfigSchema, process.env);
  if (process.argv[2] === 'replay') {
    const replayed = await replayDeadLetters(config, logger, process.argv[3]);
    logger.info({ replayed }, 'dead letters replayed');
    return;
  }
  const pump = await startPump(config, logger);
  logger.info({ url: pump.url }, 'pump listening');
  installGracefulShutdown({ logger, timeoutMs: config.shutdown_timeout_ms, close: pump.close });
});
