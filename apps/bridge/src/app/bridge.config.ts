import {
  httpListenSchema,
  logSettingsSchema,
  mongoConnectionSchema,
  requiredRedisSchema,
  shutdownTimeoutMsSchema,
} from '@gatehouse/shared-config';
import { z } from 'zod';

/** Every bridge setting; set each with GATEHOUSE_BRIDGE_<PATH>, e.g. GATEHOUSE_BRIDGE_GRPC_PORT. */
export const bridgeConfigSchema = z.object({
  /** Where gateway nodes connect (gRPC). */
  grpc: httpListenSchema(50051),
  /** Health and metrics for operators. */
  http: httpListenSchema(3100),
  mongo: mongoConnectionSchema,
  redis: requiredRedisSchema,
  watch: z
    .object({
      /** How often a Watch stream sends a heartbeat and re-checks the node's token and tags. */
      heartbeatMs: z.number().int().min(100).max(60_000).default(5000),
      /** The safety net for a lost wake-up: the change log is read at least this often. */
      pollMs: z.number().int().min(50).max(60_000).default(2000),
      /** Revisions re-read below a cursor, for writes that committed after a higher revision. */
      lookBack: z.number().int().min(0).max(100_000).default(200),
    })
    .default({ heartbeatMs: 5000, pollMs: 2000, lookBack: 200 }),
  analytics: z
    .object({
      /** The control plane's analytics stream (read by the central pump). */
      stream: z.string().min(1).default('gatehouse:analytics'),
      maxStreamLength: z.number().int().min(1000).default(5_000_000),
      dedupeSeconds: z.number().int().min(60).default(86_400),
    })
    .default({ stream: 'gatehouse:analytics', maxStreamLength: 5_000_000, dedupeSeconds: 86_400 }),
  log: logSettingsSchema,
  shutdownTimeoutMs: shutdownTimeoutMsSchema,
});

export type BridgeConfig = z.output<typeof bridgeConfigSchema>;
