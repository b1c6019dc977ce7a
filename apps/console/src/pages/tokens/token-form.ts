import * as z from 'zod/mini';

import type { components } from '../../api/generated/dashboard-api';

export type TokenBody = components['schemas']['MecreateTokenBody'];

/** The "Create token" form: the rules `POST /me/tokens` applies, checked before sending. */
export const tokenFormSchema = z.object({
  name: z
    .string()
    .check(z.trim(), z.minLength(1, 'Name the token'), z.maxLength(100, 'At most 100 characters')),
  /** Empty: the token never expires. */
  expiresInDays: z.string().check(
    z.trim(),
    z.refine(
      (days) => days === '' || (/^\d+$/.test(days) && Number(days) >= 1 && Number(days) <= 3650),
      'Whole days, from 1 to 3650, or empty for no expiry',
    ),
  ),
});

export type TokenForm = z.infer<typeof tokenFormSchema>;

export function toTokenBody(form: TokenForm): TokenBody {
  const name = form.name.trim();
  const days = form.expiresInDays.trim();
  return days === '' ? { name } : { name, expiresInDays: Number(days) };
}
