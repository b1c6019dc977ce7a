import { z } from 'zod';

import { tykField, versionedSchema } from '../http/common-responses';
import { named } from '../http/response-names';

/**
 * A Tyk API definition as stored: classic (`api_id`, `proxy`) or OAS (`x-tyk-api-gateway`). The fields
 * the console reads are named; every other Tyk field passes through.
 */
export const apiDocumentSchema = named(
  'ApiDocument',
  z.looseObject({
    api_id: tykField(z.string()),
    name: tykField(z.string()),
    org_id: tykField(z.string()),
    active: tykField(z.boolean()),
    tags: tykField(z.array(z.string())),
    domain: tykField(z.string()),
    proxy: tykField(
      z.looseObject({
        listen_path: tykField(z.string()),
        target_url: tykField(z.string()),
        strip_listen_path: tykField(z.boolean()),
      }),
    ),
    openapi: z.string().optional().describe('present on Tyk OAS definitions'),
    info: z.looseObject({ title: tykField(z.string()) }).optional(),
    'x-tyk-api-gateway': z.looseObject({}).optional(),
  }),
);

export const apiRecordSchema = named(
  'ApiRecord',
  versionedSchema(
    apiDocumentSchema,
    z.object({ listenPath: z.string(), domain: z.string(), tags: z.array(z.string()), active: z.boolean() }),
  ),
);

/** A gateway group that serves an API (its tags match, see groupServesApi). */
export const apiRegionSchema = named(
  'ApiRegion',
  z.object({ id: z.string(), name: z.string(), region: z.string() }),
);

export const apiListItemSchema = named(
  'ApiListItem',
  apiRecordSchema.extend({ regions: z.array(apiRegionSchema) }),
);
