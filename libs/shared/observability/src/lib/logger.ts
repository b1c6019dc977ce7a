import pino, { Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * The part of the pino logger that libraries log through: fields first, then a constant message, so
 * every line is searchable by field. Libraries take this instead of a logger of their own, and tests
 * hand them a recording fake.
 */
export interface StructuredLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface LoggerOptions {
  /** Component name, stamped on every line (`dashboard`, `gateway`, ...). */
  name: string;
  level: string;
  format: 'json' | 'pretty';
}

/**
 * Paths redacted from every log line. Secrets must never reach logs: raw keys, passwords, node tokens and
 * the Tyk admin secret travel in these headers and fields.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-tyk-authorization"]',
  'req.headers["x-gatehouse-node-token"]',
  'req.headers.cookie',
  '*.password',
  '*.secret',
  '*.token',
  '*.nodeToken',
  // tyk.conf's slave_options.api_key holds the node token in hybrid mode.
  '*.api_key',
];

export function createLogger(options: LoggerOptions): Logger {
  return pino({
    name: options.name,
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    transport:
      options.format === 'pretty'
        ? { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } }
        : undefined,
  });
}
