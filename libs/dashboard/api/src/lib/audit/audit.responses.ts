import { z } from 'zod';

import { dateTimeSchema } from '../http/common-responses';
import { named } from '../http/response-names';

export const auditEntrySchema = named(
  'AuditEntry',
  z.object({
    orgId: z.string(),
    at: dateTimeSchema,
    actor: z.object({ userId: z.string(), email: z.string() }),
    action: z.string(),
    resource: z.string(),
    resourceId: z.string(),
    before: z.unknown().describe('the resource before the change, secrets redacted; null for creates'),
    after: z.unknown().describe('the resource after the change, secrets redacted; null for deletes'),
    requestId: z.string(),
  }),
);
