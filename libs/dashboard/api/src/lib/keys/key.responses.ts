import { z } from 'zod';

import { accessRightsSchema, tykField, versionedSchema } from '../http/common-responses';
import { named } from '../http/response-names';

/**
 * A Tyk session (a key) as stored, secrets masked: the fields the console reads are named, every
 * other Tyk field passes through.
 */
export const sessionDocumentSchema = named(
  'SessionDocument',
  z.looseObject({
    org_id: z.string(),
    alias: tykField(z.string()),
    rate: tykField(z.number()),
    per: tykField(z.number()),
    quota_max: tykField(z.number()),
    quota_remaining: tykField(z.number()),
    quota_renews: tykField(z.number()),
    quota_renewal_rate: tykField(z.number()),
    quota_reset_at: z.number().optional().describe('when the quota was last reset from the dashboard (ms)'),
    expires: tykField(z.number()).describe('Unix seconds; 0 or less never expires'),
    is_inactive: tykField(z.boolean()),
    access_rights: tykField(accessRightsSchema),
    apply_policies: tykField(z.array(z.string())),
    apply_policy_id: tykField(z.string()),
    tags: tykField(z.array(z.string())),
    meta_data: tykField(z.record(z.string(), z.unknown())),
    date_created: tykField(z.string()),
  }),
);

/** A key as listed: `id` is its hash for roles that manage keys, its reference (`ref`) for the rest. */
export const keyViewSchema = named(
  'KeyView',
  versionedSchema(
    sessionDocumentSchema,
    z.object({
      ref: z.string().optional().describe('absent on keys stored before references: see `ref` beside'),
      alias: z.string(),
      policyIds: z.array(z.string()),
      apiIds: z.array(z.string()),
      inactive: z.boolean(),
      expires: z.number(),
      requestId: z.string().optional(),
    }),
  ).extend({ ref: z.string() }),
);

/** The answer that creates a key: the only one that ever holds the raw key. */
export const createdKeySchema = named(
  'CreatedKey',
  z.object({ key: z.string(), key_hash: z.string(), ref: z.string(), session: sessionDocumentSchema }),
);

export const importedKeysSchema = z.array(z.object({ key_hash: z.string(), ref: z.string() }));
