import { z } from 'zod';

import { named } from './response-names';

/** A `Date` as JSON carries it. */
export const dateTimeSchema = named('DateTime', z.iso.datetime());

/**
 * A field of a stored Tyk document. Stored documents are what clients sent (Tyk's Go JSON), so a field
 * may be absent or null where Tyk's own answer would hold its zero value.
 */
export const tykField = <S extends z.ZodType>(schema: S) => schema.nullish();

/** An entry of the change log (API, policy or key): the document as submitted and its indexed facts. */
export function versionedSchema<D extends z.ZodType, F extends z.ZodType>(document: D, fields: F) {
  return z.object({
    orgId: z.string(),
    id: z.string(),
    rev: z.number().int(),
    deleted: z.boolean(),
    updatedAt: dateTimeSchema,
    document,
    fields,
  });
}

/** Tyk's `access_rights`: per API id, which versions and URLs a key or policy reaches. */
export const accessRightsSchema = named(
  'AccessRights',
  z.record(
    z.string(),
    z.looseObject({
      api_id: tykField(z.string()),
      api_name: tykField(z.string()),
      versions: tykField(z.array(z.string())),
    }),
  ),
);
