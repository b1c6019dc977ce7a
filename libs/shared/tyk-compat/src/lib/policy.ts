import { z } from 'zod';

import { goBool, goMap, goNumber, goSlice, goString } from './go-json';
import { accessDefinitionSchema } from './session';

/** Which aspects a policy sets when any is true; none true means the policy sets all of them. */
export const policyPartitionsSchema = z
  .looseObject({
    quota: goBool,
    rate_limit: goBool,
    complexity: goBool,
    acl: goBool,
    per_api: goBool,
  })
  .nullish()
  .transform(
    (value) => value ?? { quota: false, rate_limit: false, complexity: false, acl: false, per_api: false },
  );
export type PolicyPartitions = z.output<typeof policyPartitionsSchema>;

/** Tyk `Policy`. `id` is the key sessions refer to; `_id` (Dashboard style) is accepted as a fallback. */
export const policySchema = z
  .looseObject({
    _id: goString,
    id: goString,
    name: goString,
    org_id: goString,
    rate: goNumber,
    per: goNumber,
    quota_max: goNumber,
    quota_renewal_rate: goNumber,
    throttle_interval: goNumber,
    throttle_retry_limit: goNumber,
    max_query_depth: goNumber,
    access_rights: goMap(accessDefinitionSchema),
    hmac_enabled: goBool,
    active: z
      .boolean()
      .nullish()
      .transform((value) => value ?? true),
    is_inactive: goBool,
    tags: goSlice(z.string()),
    key_expires_in: goNumber,
    partitions: policyPartitionsSchema,
    meta_data: goMap(z.unknown()),
    last_updated: goString,
  })
  .transform((policy) => ({ ...policy, id: policy.id || policy._id }))
  .refine((policy) => policy.id.length > 0, { message: 'a policy needs an id (or _id)', path: ['id'] });
export type Policy = z.output<typeof policySchema>;
