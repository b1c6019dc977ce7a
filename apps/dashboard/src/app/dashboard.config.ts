import {
  httpsListenSchema,
  keyHashingSettingsSchema,
  logSettingsSchema,
  mongoConnectionSchema,
  requiredRedisSchema,
  shutdownTimeoutMsSchema,
} from '@gatehouse/shared-config';
import { z } from 'zod';

const bytes = (fallback: number) =>
  z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(fallback);

/**
 * What one org may ask of the shared control plane (docs/dashboard.md, "Limits"). Documents past their
 * kind's limits are refused with 400 naming the field; writes past the org's rate get 429 with
 * Retry-After; writes past the concurrency bounds wait in a bounded queue, then get 429 (the org's
 * queue is full) or 503 (the service's queue is full, or no slot came within the timeout).
 */
const limitsSchema = z
  .object({
    documents: z
      .object({
        apiMaxBytes: bytes(512 * 1024),
        policyMaxBytes: bytes(128 * 1024),
        keyMaxBytes: bytes(64 * 1024),
        /** Any string value inside a stored document, in characters. */
        maxStringLength: z
          .number()
          .int()
          .min(256)
          .max(1024 * 1024)
          .default(64 * 1024),
        maxDepth: z.number().int().min(4).max(90).default(32),
        /** Fields of a key's or policy's `meta_data`. */
        metaDataMaxFields: z.number().int().min(1).max(10_000).default(100),
        tagsMaxItems: z.number().int().min(1).max(1000).default(50),
        tagMaxLength: z.number().int().min(1).max(1000).default(200),
      })
      .prefault({}),
    writes: z
      .object({
        /** Writes (documents, for imports) per org per second, sustained, across every dashboard instance. */
        perSecond: z.number().min(0.01).max(100_000).default(20),
        /** Writes an org may make at once after a quiet spell. */
        burst: z.number().int().min(1).max(100_000).default(200),
        /** Writes of one org running at once in this instance. */
        concurrentPerOrg: z.number().int().min(1).max(1000).default(4),
        /** Writes of all orgs running at once in this instance (keep below mongo.maxPoolSize). */
        concurrent: z.number().int().min(1).max(1000).default(16),
        queuedPerOrg: z.number().int().min(0).max(100_000).default(32),
        queued: z.number().int().min(0).max(100_000).default(256),
        queueTimeoutMs: z.number().int().min(1).max(600_000).default(5000),
      })
      .prefault({}),
  })
  .prefault({});

/** Every dashboard setting; set each with GATEHOUSE_DASHBOARD_<PATH>, e.g. GATEHOUSE_DASHBOARD_MONGO_URL. */
export const dashboardConfigSchema = z.object({
  /** The API and the console; HTTPS when `http.tls.certFile` is set. */
  http: httpsListenSchema(3000),
  /** The built web console (`dist/apps/console`), served at `/`; without it `/` is a 404 and only the API runs. */
  console: z.object({ dir: z.string().min(1).optional() }).prefault({}),
  mongo: mongoConnectionSchema,
  /** Control-plane Redis: change wake-ups for the bridges, login throttling. */
  redis: requiredRedisSchema.extend({
    /** Prepended to every key, so environments (or test runs) can share one Redis. */
    keyPrefix: z.string().default(''),
  }),
  /** Platform operators' secret for creating organisations; long and random. */
  adminSecret: z.string().min(16, 'must be at least 16 characters'),
  /** How long a login session lasts. */
  sessionHours: z
    .number()
    .min(1)
    .max(24 * 30)
    .default(12),
  /**
   * The format of new keys, as Tyk's hash_key_function names it (the `h` inside a key). It does not
   * choose how keys are hashed: `keyHashing` does, for every key whatever it says.
   */
  hashKeyFunction: z.enum(['murmur64', 'murmur128', 'sha256']).default('murmur64'),
  keyHashing: keyHashingSettingsSchema,
  /** Days tombstones stay in the change log; regions further behind take a full snapshot. */
  changeLogRetentionDays: z.number().min(1).max(365).default(7),
  limits: limitsSchema,
  log: logSettingsSchema,
  shutdownTimeoutMs: shutdownTimeoutMsSchema,
});

export type DashboardConfig = z.output<typeof dashboardConfigSchema>;
