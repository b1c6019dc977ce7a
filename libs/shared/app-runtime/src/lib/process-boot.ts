import {
  ConfigError,
  Environment,
  loadConfig,
  LoadConfigOptions,
  logSettingsSchema,
} from '@gatehouse/shared-config';
import { createLogger, Logger } from '@gatehouse/shared-observability';
import { z } from 'zod';

type LogSettings = z.output<typeof logSettingsSchema>;

export interface BootedProcess<T> {
  config: T;
  logger: Logger;
}

/**
 * The first thing every main.ts does: validate configuration (a bad environment exits 2 with every bad
 * key listed on stderr, before anything starts) and create the process logger.
 */
export function bootProcess<S extends z.ZodObject>(
  component: string,
  schema: S,
  env: Environment,
  options: LoadConfigOptions = {},
): BootedProcess<z.output<S> & { log: LogSettings }> {
  let loaded: ReturnType<typeof loadConfig<S>>;
  try {
    loaded = loadConfig(component, schema, env, options);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const config = loaded.config as z.output<S> & { log: LogSettings };
  const logger = createLogger({ name: component, level: config.log.level, format: config.log.format });
  for (const warning of loaded.warnings) logger.warn(warning);
  return { config, logger };
}

/** Runs `main`, logging a failed start as fatal and exiting 1 instead of leaving a half-started process. */
export function runMain(component: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', name: component, msg: `failed to start: ${message}` })}\n`,
    );
    process.exit(1);
  });
}
