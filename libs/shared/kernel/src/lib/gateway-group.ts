import { z } from 'zod';

/** Identifiers are short, URL-safe names chosen by people, so they can appear in paths and logs. */
export const identifierSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'must start with a letter or digit and use only letters, digits, . _ -',
  );

export const tagSchema = z.string().min(1).max(64);

/** A cluster of gateways that share config, tags and node tokens, usually one per region. */
export const gatewayGroupSchema = z.object({
  orgId: identifierSchema,
  groupId: identifierSchema,
  name: z.string().min(1).max(200),
  region: z.string().min(1).max(64),
  tags: z.array(tagSchema).max(64).default([]),
});
export type GatewayGroup = z.output<typeof gatewayGroupSchema>;

/** What the bridge learns about a gateway node when it connects. */
export const nodeHandshakeSchema = z.object({
  orgId: identifierSchema,
  groupId: identifierSchema,
  nodeId: z.string().min(1).max(128),
  version: z.string().max(64).default(''),
  tags: z.array(tagSchema).max(64).default([]),
});
export type NodeHandshake = z.output<typeof nodeHandshakeSchema>;

/** What a live node token grants: the gateways holding it serve this org's group. */
export interface NodeTokenGrant {
  orgId: string;
  groupId: string;
}
