import { ROLES } from '@gatehouse/dashboard-domain';
import { z } from 'zod';

import { dateTimeSchema } from '../http/common-responses';
import { named } from '../http/response-names';

/** A login session or API token as issued: the only answer that holds the token itself. */
export const issuedTokenSchema = named(
  'IssuedToken',
  z.object({
    id: z.string(),
    name: z.string(),
    token: z.string(),
    expiresAt: dateTimeSchema.nullable().describe('null: never expires'),
  }),
);

/** A personal API token as listed: never the token, only what names it. */
export const storedTokenSchema = named(
  'StoredToken',
  z.object({
    id: z.string(),
    orgId: z.string(),
    userId: z.string(),
    kind: z.enum(['session', 'api']),
    name: z.string(),
    createdAt: dateTimeSchema,
    expiresAt: dateTimeSchema.nullable(),
  }),
);

export const meSchema = named(
  'Me',
  z.object({
    orgId: z.string(),
    userId: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    permissions: z
      .array(z.string())
      .describe('what the role may do, as resource:verb (e.g. apis:write): hide what is not listed'),
    tokenKind: z
      .enum(['session', 'api'])
      .describe('whether the caller holds a login session or an API token'),
    sessionExpiresAt: dateTimeSchema
      .optional()
      .describe('when the login session ends; absent for API tokens and sessions that never end'),
  }),
);
