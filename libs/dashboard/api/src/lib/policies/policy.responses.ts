import { z } from 'zod';

import { accessRightsSchema, tykField, versionedSchema } from '../http/common-responses';
import { named } from '../http/response-names';

/** A Tyk policy as stored: the fields the console reads are named, every other Tyk field passes through. */
export const policyDocumentSchema = named(
  'PolicyDocument',
  z.looseObject({
    id: z.string(),
    org_id: z.string(),
    name: tykField(z.string()),
    rate: tykField(z.number()),
    per: tykField(z.number()),
    quota_max: tykField(z.number()),
    quota_renewal_rate: tykField(z.number()),
    throttle_interval: tykField(z.number()),
    throttle_retry_limit: tykField(z.number()),
    access_rights: tykField(accessRightsSchema),
    active: tykField(z.boolean()),
    is_inactive: tykField(z.boolean()),
    tags: tykField(z.array(z.string())),
    key_expires_in: tykField(z.number()),
  }),
);

export const policyRecordSchema = named(
  'PolicyRecord',
  versionedSchema(
    policyDocumentSchema,
    z.object({ name: z.string(), tags: z.array(z.string()), active: z.boolean() }),
  ),
);
