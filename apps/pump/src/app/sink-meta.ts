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
