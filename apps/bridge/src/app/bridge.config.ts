import {
  httpListenSchema,
  logSettingsSchema,
  mongoUrlSchema,
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
  mongo: z.object({
    url: mongoUrlSchema,
    database: z.string().min(1).default('gatehouse'),
    /** How long to look for a server at start and per operation before failing. */
    serverSelectionTimeoutMs: z.number().int().min(1).default(5000),
  }),
  redis: requiredRedisSchema,
  log: logSettingsSchema,
  shutdownTimeoutMs: shutdownTimeoutMsSchema,
});

export type BridgeConfig = z.output<typeof bridgeConfigSchema>;
