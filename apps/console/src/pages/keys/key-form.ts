import * as z from 'zod/mini';

import type { components } from '../../api/generated/dashboard-api';

export type KeyBody = components['schemas']['KeyscreateBody'];

/**
 * The "Create key" form. A key takes its limits either from policies (`apply_policies`: the policies
 * decide rate, quota and APIs) or from its own explicit limits and access rights.
 */
const option = z.object({ id: z.string(), name: z.string() });
const wholeNumber = /^\d+$/;

export const keyFormSchema = z
  .object({
    mode: z.enum(['policies', 'limits']),
    alias: z.string().check(z.maxLength(200, 'At most 200 characters')),
    /** `datetime-local` value, read in the browser's time zone; empty: never expires. */
    expires: z.string(),
    policies: z.array(option),
    apis: z.array(option),
    rate: z.string(),
    per: z.string(),
    quotaMax: z.string(),
    quotaRenewalRate: z.string(),
  })
  .check(
    z.superRefine((form, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.issues.push({ code: 'custom', path: [path], message, input: form });
      if (form.expires !== '') {
        const at = new Date(form.expires).getTime();
        if (Number.isNaN(at)) issue('expires', 'Enter a date and time');
        else if (at <= Date.now()) issue('expires', 'Choose a time in the future');
      }
      if (form.mode === 'policies') {
        if (form.policies.length === 0) issue('policies', 'Choose at least one policy');
        return;
      }
      if (form.apis.length === 0) issue('apis', 'Choose at least one API the key may call');
      if (!wholeNumber.test(form.rate) || Number(form.rate) < 1) issue('rate', 'A whole number, 1 or more');
      if (!wholeNumber.test(form.per) || Number(form.per) < 1) issue('per', 'Seconds, 1 or more');
      if (form.quotaMax !== '-1' && !wholeNumber.test(form.quotaMax))
        issue('quotaMax', 'A whole number, or -1 for no quota');
      if (!wholeNumber.test(form.quotaRenewalRate)) issue('quotaRenewalRate', 'Seconds, 0 or more');
    }),
  );

export type KeyForm = z.infer<typeof keyFormSchema>;

export const emptyKeyForm: KeyForm = {
  mode: 'policies',
  alias: '',
  expires: '',
  policies: [],
  apis: [],
  rate: '100',
  per: '60',
  quotaMax: '-1',
  quotaRenewalRate: '3600',
};

/** Unix seconds, as Tyk sessions count expiry; 0 never expires. */
function expiresOf(value: string): number {
  return value === '' ? 0 : Math.floor(new Date(value).getTime() / 1000);
}

/** The `POST /keys` body for a validated form: only the fields its mode decides. */
export function toKeyBody(form: KeyForm): KeyBody {
  const common = { alias: form.alias.trim(), expires: expiresOf(form.expires) };
  if (form.mode === 'policies') {
    return { ...common, apply_policies: form.policies.map((policy) => policy.id) };
  }
  const quotaMax = Number(form.quotaMax);
  return {
    ...common,
    rate: Number(form.rate),
    per: Number(form.per),
    quota_max: quotaMax,
    // A new key starts with its whole quota.
    quota_remaining: quotaMax,
    quota_renewal_rate: Number(form.quotaRenewalRate),
    access_rights: Object.fromEntries(
      form.apis.map((item) => [item.id, { api_id: item.id, api_name: item.name, versions: [] }]),
    ),
  };
}
