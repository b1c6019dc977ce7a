import {
  httpListenSchema,
  logSettingsSchema,
  requiredRedisSchema,
  shutdownTimeoutMsSchema,
} from '@gatehouse/shared-config';
import { z } from 'zod';

/** Every pump setting; set each with GATEHOUSE_PUMP_<PATH>, e.g. GATEHOUSE_PUMP_REDIS_URL. */
export const pumpConfigSchema = z.object({
  /** Health and metrics for operators. */
  http: httpListenSchema(8083),
  /** The Redis holding the analytics stream this pump drains. */
  redis: requiredRedisSchema,
  log: logSettingsSchema,
  shutdownTimeoutMs: shutdownTimeoutMsSchema,
});

export type PumpConfig = z.output<typeof pumpConfigSchema>;
