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
  log: logSettingsSchema,
  shutdownTimeoutMs: shutdownTimeoutMsSchema,
});

export type BridgeConfig = z.output<typeof bridgeConfigSchema>;
