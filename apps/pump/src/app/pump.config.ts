import {
  httpListenSchema,
  logSettingsSchema,
  requiredRedisSchema,
  shutdownTimeoutMsSchema,
} from '@gatehouse/shared-config';
import { z } from 'zod';

import { SINK_META_SCHEMAS, SINK_TYPES } from './sink-meta';

const filtersSchema = z
  .object({
    org_ids: z.array(z.string()).default([]),
    api_ids: z.array(z.string()).default([]),
    response_codes: z.array(z.number().int()).default([]),
    skip_org_ids: z.array(z.string()).default([]),
    skip_api_ids: z.array(z.string()).default([]),
    skip_response_codes: z.array(z.number().int()).default([]),
  })
  .prefault({});

/** One entry of `pumps`, in Tyk pump's shape: type, meta (the sink's own settings), filters, options. */
export const sinkConfigSchema = z
  .object({
    type: z.enum(SINK_TYPES),
    meta: z.record(z.string(), z.unknown()).default({}),
    filters: filtersSchema,
    omit_detailed_recording: z.boolean().default(false),
    max_record_size: z.number().int().min(0).default(0),
    /** Seconds a write may take. */
    timeout: z.number().min(0.1).max(300).default(10),
  })
  .superRefine((sink, context) => {
    const parsed = SINK_META_SCHEMAS[sink.type].safeParse(sink.meta);
    if (parsed.success) return;
    for (const issue of parsed.error.issues)
      context.addIssue({ code: 'custom', path: ['meta', ...issue.path.map(String)], message: issue.message });
  });

export type SinkConfig = z.output<typeof sinkConfigSchema>;

/** Every pump setting; set each with GATEHOUSE_PUMP_<PATH>, e.g. GATEHOUSE_PUMP_REDIS_URL. */
export const pumpConfigSchema = z.object({
  /** Health and metrics for operators. */
  http: httpListenSchema(8083),
  /** The Redis holding the analytics stream this pump drains. */
  redis: requiredRedisSchema,
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
  /** Tyk pump's purge_delay: how often expired raw records are deleted where TTL indexes are missing. */
  purge_interval_seconds: z.number().int().min(1).default(60),
  /** The sinks, by name (Tyk pump's `pumps`). In the environment: JSON. */
  pumps: z
    .record(z.string().regex(/^[a-z0-9_-]{1,40}$/), sinkConfigSchema)
    .default({})
    .refine(
      (pumps) => Object.values(pumps).filter((sink) => sink.type === 'prometheus').length <= 1,
      "at most one prometheus sink: its metrics go on the pump's own registry",
    ),
  log: logSettingsSchema,
  shutdownTimeoutMs: shutdownTimeoutMsSchema,
});

export type PumpConfig = z.output<typeof pumpConfigSchema>;
