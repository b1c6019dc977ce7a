import { z } from 'zod';

/** Settings every process has, so operators configure logging and shutdown the same way everywhere. */
export const logSettingsSchema = z
  .object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    format: z.enum(['json', 'pretty']).default('json'),
  })
  .prefault({});

export const httpListenSchema = (defaultPort: number) =>
  z
    .object({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(defaultPort),
    })
    .prefault({});

/** How long a SIGTERM may take: in-flight work past this is cut off and the process exits non-zero. */
export const shutdownTimeoutMsSchema = z.number().int().min(0).max(600_000).default(10_000);

export const redisUrlSchema = z.url({ protocol: /^rediss?$/ });
export const mongoUrlSchema = z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL');

/** The control plane's MongoDB. */
export const mongoConnectionSchema = z.object({
  url: mongoUrlSchema,
  database: z.string().min(1).default('gatehouse'),
  /** How long to look for a server at start and per operation before failing. */
  serverSelectionTimeoutMs: z.number().int().min(1).default(5000),
  /**
   * Connections to the database at most. A slow database then slows this process's work instead of
   * being handed ever more connections (each costs the server memory and CPU).
   */
  maxPoolSize: z.number().int().min(1).max(1000).default(20),
  /** How long an operation may wait for a free connection before it fails with 503 / UNAVAILABLE. */
  waitQueueTimeoutMs: z.number().int().min(1).max(600_000).default(2000),
});

/**
 * How the control plane hashes keys (dashboard and bridges must agree; they check each other at start).
 * `hmac-sha256` keys every org's ids with a key derived from `secret`, so a stored id cannot be turned
 * back into a key or tested against guesses; `sha256` gives Tyk's ids, for deployments that need them.
 */
export const keyHashingSettingsSchema = z
  .object({
    algorithm: z.enum(['hmac-sha256', 'sha256']).default('hmac-sha256'),
    secret: z.string().default(''),
  })
  .prefault({})
  .superRefine((settings, context) => {
    if (settings.algorithm === 'hmac-sha256' && settings.secret.length < 32)
      context.addIssue({
        code: 'custom',
        path: ['secret'],
        message:
          'must be a random secret of at least 32 characters for hmac-sha256 key hashing (the same on the dashboard and every bridge)',
      });
  });
