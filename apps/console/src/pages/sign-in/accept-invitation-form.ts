import * as z from 'zod/mini';

/** The invitation form: the API's rules for `POST /auth/accept-invitation`, checked before sending. */
export const acceptInvitationSchema = z
  .object({
    invitation: z.string().check(z.minLength(10, 'Paste the invitation you were given')),
    password: z.string().check(z.minLength(12, 'At least 12 characters')),
    confirm: z.string(),
  })
  .check(
    z.refine((form) => form.password === form.confirm, {
      message: 'The passwords differ',
      path: ['confirm'],
    }),
  );

export type AcceptInvitationForm = z.infer<typeof acceptInvitationSchema>;
