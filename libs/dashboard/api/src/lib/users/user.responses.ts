import { ROLES } from '@gatehouse/dashboard-domain';
import { z } from 'zod';

import { dateTimeSchema } from '../http/common-responses';
import { named } from '../http/response-names';

export const userSchema = named(
  'User',
  z.object({
    id: z.string(),
    orgId: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    active: z.boolean(),
    activated: z.boolean().describe('false until an invited user sets a password'),
    createdAt: dateTimeSchema,
  }),
);

/** The answer to an invitation: the only one that holds the invitation secret. */
export const invitedUserSchema = z.object({ user: userSchema, invitation: z.string() });
