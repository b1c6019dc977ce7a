import * as z from 'zod/mini';

import { ROLES, type Role } from './roles';

/** The "Invite user" form: what `POST /users` accepts, checked before sending. */
export const inviteFormSchema = z.object({
  email: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Enter an email'),
      z.email('Enter a valid email address'),
      z.maxLength(254),
    ),
  name: z
    .string()
    .check(z.trim(), z.minLength(1, 'Enter a name'), z.maxLength(200, 'At most 200 characters')),
  role: z.enum(ROLES as [Role, ...Role[]]),
});

export type InviteForm = z.infer<typeof inviteFormSchema>;
