import type { Logger } from 'pino';

export interface ShutdownOptions {
  logger: Logger;
  timeoutMs: number;
  /** Stops accepting work, drains what is in flight and closes connections. */
  close: () => Promise<void>;
  signals?: NodeJS.Signals[];
  /** Injected in tests; defaults to process.exit. */
  exit?: (code: number) => void;
}

/**
 * On the first SIGTERM/SIGINT, runs `close` and exits 0; if closing takes longer than `timeoutMs` or
 * fails, exits 1 so an orchestrator never waits forever on a stuck drain. A second signal forces exit.
 * Returns the handler so callers (and tests) can trigger shutdown directly.
 */
export function installGracefulShutdown(options: ShutdownOptions): (signal: string) => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let closing = false;

  const shutdown = async (signal: string): Promise<void> => {
    if (closing) {
      options.logger.warn({ signal }, 'second shutdown signal: exiting now');
      exit(1);
      return;
    }
    closing = true;
    options.logger.info({ signal, timeoutMs: options.timeoutMs }, 'shutting down');
    const timer = setTimeout(() => {
      options.logger.error({ timeoutMs: options.timeoutMs }, 'shutdown timed out: exiting');
      exit(1);
    }, options.timeoutMs);
    timer.unref();
    try {
      await options.close();
      clearTimeout(timer);
      options.logger.info('shutdown complete');
      exit(0);
    } catch (error) {
      clearTimeout(timer);
      options.logger.error({ err: error }, 'shutdown failed');
      exit(1);
    }
  };

  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => void shutdown(signal));
  }
  return shutdown;
}
