import {
  httpListenSchema,
  logSettingsSchema,
  redisUrlSchema,
  shutdownTimeoutMsSchema,
} from '@gatehouse/shared-config';
import { identifierSchema } from '@gatehouse/shared-model';
import { z } from 'zod';

const apiRouteSchema = z.object({
  apiId: identifierSchema,
  listenPath: z.string().startsWith('/', 'must start with /'),
  targetUrl: z.url({ protocol: /^https?$/ }),
  stripListenPath: z.boolean().default(true),
});

/** Every gateway setting; set each with GATEHOUSE_GATEWAY_<PATH>, e.g. GATEHOUSE_GATEWAY_PROXY_PORT. */
export const gatewayConfigSchema = z.object({
  /** Where API traffic arrives (the hot path). */
  proxy: httpListenSchema(8080),
  /** Health, metrics and (later) the Gateway API, kept off the traffic port. */
  control: httpListenSchema(8081),
  redis: z.object({ url: redisUrlSchema }),
  upstream: z
    .object({
      connectionsPerOrigin: z.number().int().min(1).max(4096).default(128),
      headersTimeoutMs: z.number().int().min(1).default(30_000),
      bodyTimeoutMs: z.number().int().min(1).default(30_000),
    })
    .prefault({}),
  /** APIs served in standalone mode, e.g. GATEHOUSE_GATEWAY_APIS='[{"apiId":"echo","listenPath":"/echo/","targetUrl":"http://127.0.0.1:9000"}]'. */
  apis: z.array(apiRouteSchema).default([]),
  log: logSettingsSchema,
  shutdownTimeoutMs: shutdownTimeoutMsSchema,
});

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
