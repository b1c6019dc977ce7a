import { pumpsSchema } from '@gatehouse/pump-sinks';
import {
  httpListenSchema,
  logSettingsSchema,
  shutdownTimeoutMsSchema,
  snakeCaseRedisSchema,
} from '@gatehouse/shared-config';
import { z } from 'zod';

/**
 * Every pump setting; set each with GATEHOUSE_PUMP_<PATH>, e.g. GATEHOUSE_PUMP_REDIS_URL. Keys are
 * snake_case throughout, as in Tyk pump's config, whose shape `pumps` follows.
 */
export const pumpConfigSchema = z.object({
  /** Health and metrics for operators. */
  http: httpListenSchema(8083),
  /** The Redis holding the analytics stream this pump drains: a URL, Sentinel or Cluster settings. */
  redis: snakeCaseRedisSchema,
  stream: z
    .object({
      name: z.string().min(1).default('gatehouse:analytics'),
      /** This process in every sink's consumer group; keep it stable across restarts. Default: host name. */
      consumer: z.string().max(200).default(''),
      entries_per_write: z.number().int().min(1).max(1000).default(50),
      block_ms: z.number().int().min(10).max(60_000).default(1000),
      /** Entries another pump left unacknowledged this long are taken over. */
      claim_idle_ms: z.number().int().min(100).default(30_000),
      /** Default: `<name>:dead`. */
      dead_letter_stream: z.string().default(''),
      /** How often entries every sink's group acknowledged are deleted from the stream. */
      trim_interval_ms: z.number().int().min(100).default(5000),
    })
    .prefault({}),
  retry: z
    .object({
      max_attempts: z.number().int().min(1).max(1000).default(10),
      backoff_ms: z.number().int().min(1).default(500),
      max_backoff_ms: z.number().int().min(1).default(30_000),
    })
    .prefault({}),
  /**
   * How often expired raw records are deleted where the server has no TTL index. (Not Tyk pump's
   * `purge_delay`, which paces its reads from Redis: `stream.block_ms` does that here.)
   */
  purge_interval_seconds: z.number().int().min(1).default(60),
  /** The sinks, by name (Tyk pump's `pumps`). In the environment: JSON. */
  pumps: pumpsSchema,
  log: logSettingsSchema,
  shutdown_timeout_ms: shutdownTimeoutMsSchema,
});

export type PumpConfig = z.output<typeof pumpConfigSchema>;
