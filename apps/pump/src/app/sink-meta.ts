import { parseHostPort, PROMETHEUS_BASE_METRICS, STATSD_FIELDS, STATSD_TAGS } from '@gatehouse/pump-sinks';
import { z } from 'zod';

/** Each sink type's `meta` (Tyk pump's names), validated with the config so a typo stops the pump at boot. */
export const mongoMetaSchema = z.object({
  mongo_url: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
  mongo_database: z.string().min(1).default('gatehouse'),
  collection_name: z.string().min(1).default('tyk_analytics'),
  /** Raw records are deleted this long after they were written; 0 keeps them. */
  expire_after_seconds: z
    .number()
    .int()
    .min(0)
    .default(7 * 86_400),
});

export const mongoAggregateMetaSchema = mongoMetaSchema.pick({ mongo_url: true, mongo_database: true });

export const kafkaMetaSchema = z.object({
  broker: z.array(z.string().min(1)).min(1),
  topic: z.string().min(1).default('tyk-pump'),
  client_id: z.string().min(1).default('gatehouse-pump'),
});

/** The bridge sink sends a region's analytics to the control plane (Tyk's `hybrid` pump). */
export const bridgeMetaSchema = z.object({
  connection_string: z.string().min(1),
  /** The gateway group's node token. */
  api_key: z.string().min(1),
  group_id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
});

/** Tyk's CSV pump: one file per hour in `csv_dir`. */
export const csvMetaSchema = z.object({
  csv_dir: z.string().min(1),
});

/** Tyk's statsd pump. Tyk has no defaults (without `fields` it sends nothing): these send request times by path. */
export const statsdMetaSchema = z.object({
  address: z.string().refine((address) => parseHostPort(address) !== undefined, 'must be host:port'),
  fields: z.array(z.enum(STATSD_FIELDS)).default(['request_time']),
  tags: z.array(z.enum(STATSD_TAGS)).default(['path']),
  separated_method: z.boolean().default(false),
});

/** Tyk's prometheus pump, scraped from the pump's own `/metrics` (its listen_address and path do not apply). */
export const prometheusMetaSchema = z.object({
  track_all_paths: z.boolean().default(false),
  disabled_metrics: z.array(z.enum(PROMETHEUS_BASE_METRICS)).default([]),
});

/**
 * Every sink type with its meta schema. Tyk pump type names are accepted too: `mongo-pump-aggregate`
 * and, for the bridge, `hybrid`.
 */
export const SINK_META_SCHEMAS = {
  mongo: mongoMetaSchema,
  'mongo-aggregate': mongoAggregateMetaSchema,
  'mongo-pump-aggregate': mongoAggregateMetaSchema,
  kafka: kafkaMetaSchema,
  stdout: z.object({}),
  bridge: bridgeMetaSchema,
  hybrid: bridgeMetaSchema,
  csv: csvMetaSchema,
  statsd: statsdMetaSchema,
  prometheus: prometheusMetaSchema,
} as const;

export type SinkType = keyof typeof SINK_META_SCHEMAS;

export const SINK_TYPES = Object.keys(SINK_META_SCHEMAS) as [SinkType, ...SinkType[]];
