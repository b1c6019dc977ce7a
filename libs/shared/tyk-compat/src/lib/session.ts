import { z } from 'zod';

import { goBool, goMap, goNumber, goSlice, goString } from './go-json';
import { pathPatternProblem } from './path-pattern';

/** Tyk `APILimit`: limits that apply to one API of a key when policies use per-API partitions. */
export const apiLimitSchema = z.looseObject({
  rate: goNumber,
  per: goNumber,
  throttle_interval: goNumber,
  throttle_retry_limit: goNumber,
  max_query_depth: goNumber,
  quota_max: goNumber,
  quota_renews: goNumber,
  quota_remaining: goNumber,
  quota_renewal_rate: goNumber,
});
export type ApiLimit = z.output<typeof apiLimitSchema>;

/** One allowed path (a regular expression, as in Tyk) and the methods allowed on it. */
export const allowedUrlSchema = z.looseObject({
  url: z.string().superRefine((url, context) => {
    const problem = pathPatternProblem(url);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  }),
  methods: goSlice(z.string()),
});
export type AllowedUrl = z.output<typeof allowedUrlSchema>;

/** Tyk `AccessDefinition`: what a key may do on one API. */
export const accessDefinitionSchema = z.looseObject({
  api_name: goString,
  api_id: goString,
  versions: goSlice(z.string()),
  allowed_urls: goSlice(allowedUrlSchema),
  limit: apiLimitSchema.nullish(),
  allowance_scope: goString,
});
export type AccessDefinition = z.output<typeof accessDefinitionSchema>;

/** Tyk `SessionState`: a key. Unknown fields are kept so a session round-trips unchanged. */
export const sessionStateSchema = z.looseObject({
  last_check: goNumber,
  allowance: goNumber,
  rate: goNumber,
  per: goNumber,
  throttle_interval: goNumber,
  throttle_retry_limit: goNumber,
  max_query_depth: goNumber,
  date_created: goString,
  /** Unix seconds; 0 (or less) never expires. */
  expires: goNumber,
  /** -1 (or 0) is unlimited. */
  quota_max: goNumber,
  quota_renews: goNumber,
  quota_remaining: goNumber,
  quota_renewal_rate: goNumber,
  access_rights: goMap(accessDefinitionSchema),
  org_id: goString,
  oauth_client_id: goString,
  basic_auth_data: z
    .looseObject({ password: goString, hash_type: goString })
    .nullish()
    .transform((value) => value ?? { password: '', hash_type: '' }),
  jwt_data: z
    .looseObject({ secret: goString })
    .nullish()
    .transform((value) => value ?? { secret: '' }),
  hmac_enabled: goBool,
  hmac_string: goString,
  is_inactive: goBool,
  apply_policy_id: goString,
  apply_policies: goSlice(z.string()),
  meta_data: goMap(z.unknown()),
  tags: goSlice(z.string()),
  alias: goString,
  last_updated: goString,
  enable_detailed_recording: goBool,
});
export type SessionState = z.output<typeof sessionStateSchema>;

/** The policies a session applies: `apply_policies`, or else the legacy single `apply_policy_id` (Tyk's PolicyIDs). */
export function sessionPolicyIds(session: SessionState): string[] {
  if (session.apply_policies.length > 0) return [...session.apply_policies];
  return session.apply_policy_id ? [session.apply_policy_id] : [];
}
