import { z } from 'zod';

import { dateTimeSchema } from '../http/common-responses';
import { named } from '../http/response-names';

export const gatewayGroupResponseSchema = named(
  'GatewayGroup',
  z.object({
    orgId: z.string(),
    groupId: z.string(),
    name: z.string(),
    region: z.string(),
    tags: z.array(z.string()),
  }),
);

export const nodeViewSchema = named(
  'GatewayNode',
  z.object({
    orgId: z.string(),
    groupId: z.string(),
    nodeId: z.string(),
    version: z.string(),
    tags: z.array(z.string()),
    tokenId: z.string().optional(),
    connectedAt: dateTimeSchema,
    lastSeenAt: dateTimeSchema,
    status: z
      .object({
        appliedRev: z.number(),
        configChecksum: z.string(),
        requestsTotal: z.number(),
        emergency: z.boolean(),
        streams: z
          .array(
            z.object({
              apiId: z.string(),
              stream: z.string(),
              state: z.enum(['running', 'failing', 'stopped']),
              consumers: z.number(),
              lastError: z.string().optional(),
              lastErrorAt: dateTimeSchema.optional(),
            }),
          )
          .optional(),
      })
      .optional()
      .describe('absent until the node reports its status'),
    expectedChecksum: z.string(),
    inSync: z.boolean(),
  }),
);

export const nodeTokenInfoSchema = named(
  'NodeTokenInfo',
  z.object({
    id: z.string(),
    groupId: z.string(),
    createdAt: dateTimeSchema,
    revokedAt: dateTimeSchema.nullable(),
  }),
);

/** A freshly minted node token: the only answer that holds it. */
export const mintedNodeTokenSchema = z.object({ groupId: z.string(), id: z.string(), token: z.string() });
