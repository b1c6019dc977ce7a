import { z } from 'zod';

import { issuedTokenSchema } from '../auth/auth.responses';
import { dateTimeSchema } from '../http/common-responses';
import { userSchema } from '../users/user.responses';

/** A new organisation, its owner, and the owner's first login session. */
export const createdOrgSchema = issuedTokenSchema.extend({
  org: z.object({ id: z.string(), slug: z.string(), name: z.string(), createdAt: dateTimeSchema }),
  owner: userSchema,
});
