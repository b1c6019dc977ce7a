import { z } from 'zod';

import { ROLES } from './roles';

export const slugSchema = z
  .string()
  .min(2)
  .max(63)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lower-case letters, digits and dashes, not at either end');

export const emailSchema = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());

/** Long enough that a guessing attack is hopeless even before the KDF's cost. */
export const passwordSchema = z.string().min(12, 'must be at least 12 characters').max(1024);

export const roleSchema = z.enum(ROLES);

export const createOrgSchema = z.strictObject({
  slug: slugSchema,
  name: z.string().min(1).max(200),
  owner: z.strictObject({ email: emailSchema, name: z.string().min(1).max(200), password: passwordSchema }),
});
export type CreateOrg = z.output<typeof createOrgSchema>;

export const loginSchema = z.strictObject({
  org: slugSchema,
  email: emailSchema,
  password: z.string().min(1).max(1024),
});
export type Login = z.output<typeof loginSchema>;

export const inviteUserSchema = z.strictObject({
  email: emailSchema,
  name: z.string().min(1).max(200),
  role: roleSchema,
});
export type InviteUser = z.output<typeof inviteUserSchema>;

export const acceptInviteSchema = z.strictObject({
  invitation: z.string().min(10).max(200),
  password: passwordSchema,
});

export const updateUserSchema = z
  .strictObject({
    role: roleSchema.optional(),
    active: z.boolean().optional(),
    name: z.string().min(1).max(200).optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'nothing to update');
export type UpdateUser = z.output<typeof updateUserSchema>;

export const createTokenSchema = z.strictObject({
  name: z.string().min(1).max(100),
  /** Days until the token stops working; absent: never. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type Page = z.output<typeof pageSchema>;

/**
 * A case-insensitive substring to look for. It is matched literally (see literalPattern): it is never
 * run as a pattern, so `.*` or `(a+)+$` cost what any other 100 characters cost.
 */
const searchText = z.string().min(1).max(100);

/** `GET /apis`: a page, narrowed by text (name, api_id or listen path), tag and whether active. */
export const apiListQuerySchema = pageSchema.extend({
  q: searchText.optional().describe('case-insensitive substring of the name, api_id or listen path'),
  tag: z.string().min(1).max(64).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type ApiListQuery = z.output<typeof apiListQuerySchema>;

/** `GET /policies`: a page, narrowed by text (name or id). */
export const policyListQuerySchema = pageSchema.extend({
  q: searchText.optional().describe('case-insensitive substring of the name or id'),
});
export type PolicyListQuery = z.output<typeof policyListQuerySchema>;

export const changesQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const auditQuery = z.object({
  resource: z.string().max(64).optional(),
  actor: z.string().max(254).optional(),
  since: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
