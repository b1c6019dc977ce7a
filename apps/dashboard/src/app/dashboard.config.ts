import {
  httpListenSchema,
  logSettingsSchema,
  mongoConnectionSchema,
  requiredRedisSchema,
  shutdownTimeoutMsSchema,
} from '@gatehouse/shared-config';
import { z } from 'zod';

/** Every dashboard setting; set each with GATEHOUSE_DASHBOARD_<PATH>, e.g. GATEHOUSE_DASHBOARD_MONGO_URL. */
export const dashboardConfigSchema = z.object({
  http: httpListenSchema(3000),
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
  /** How new keys are made, as Tyk's hash_key_function; gateways must use the same. */
  hashKeyFunction: z.enum(['murmur32', 'murmur64', 'murmur128', 'sha256']).default('murmur64'),
  /** Days tombstones stay in the change log; regions further behind take a full snapshot. */
  changeLogRetentionDays: z.number().min(1).max(365).default(7),
  log: logSettingsSchema,
  shutdownTimeoutMs: shutdownTimeoutMsSchema,
});

export type DashboardConfig = z.output<typeof dashboardConfigSchema>;
