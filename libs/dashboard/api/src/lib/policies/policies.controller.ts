import { policyListQuerySchema } from '@gatehouse/dashboard-domain';
import { policySchema } from '@gatehouse/shared-tyk-compat';
import { Controller, UseGuards } from '@nestjs/common';
import { z } from 'zod';

import { AuthGuard } from '../auth/auth.guard';
import { catalogueController } from '../catalogue/catalogue-controller.factory';
import { importedPolicies, PoliciesService } from './policies.service';
import { policyRecordSchema } from './policy.responses';

@Controller('policies')
@UseGuards(AuthGuard)
export class PoliciesController extends catalogueController({
  resource: 'policies',
  service: PoliciesService,
  bodySchema: policySchema,
  /** Tyk policy JSON unchanged: one policy, an array, or a `{ "<id>": policy }` map. */
  importSchema: z.union([policySchema, z.array(policySchema), z.record(z.string(), policySchema)]),
  listQuerySchema: policyListQuerySchema,
  recordSchema: policyRecordSchema,
  listItemSchema: policyRecordSchema,
  documentKind: 'policy',
  importedDocuments: importedPolicies,
  conflicts: { create: 'a policy with this id exists' },
}) {}
