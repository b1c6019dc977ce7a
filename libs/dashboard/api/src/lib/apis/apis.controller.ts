import { apiListQuerySchema } from '@gatehouse/dashboard-domain';
import { apiDefinitionSchema } from '@gatehouse/shared-tyk-compat';
import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { z } from 'zod';

import { AuthGuard } from '../auth/auth.guard';
import { catalogueController } from '../catalogue/catalogue-controller.factory';
import { Caller, type Principal } from '../http/principal';
import { Requires, ResponseSchema } from '../http/route-metadata';
import { oneOrMany } from '../http/stored-documents';
import { apiDocumentSchema, apiListItemSchema, apiRecordSchema } from './api.responses';
import { ApisService } from './apis.service';

@Controller('apis')
@UseGuards(AuthGuard)
export class ApisController extends catalogueController({
  resource: 'apis',
  service: ApisService,
  bodySchema: apiDefinitionSchema,
  /** Tyk classic or OAS definitions, unchanged: one object or an array. */
  importSchema: z.union([apiDefinitionSchema, z.array(apiDefinitionSchema)]),
  listQuerySchema: apiListQuerySchema,
  recordSchema: apiRecordSchema,
  listItemSchema: apiListItemSchema,
  documentKind: 'api',
  importedDocuments: oneOrMany,
  conflicts: {
    create: 'an API with this api_id exists, or another API of the org serves this domain and listen path',
    replace: 'another API of the org serves this domain and listen path',
  },
}) {
  @Get(':id/export')
  @Requires('apis', 'read')
  @ResponseSchema(apiDocumentSchema)
  export(@Caller() caller: Principal, @Param('id') id: string) {
    return this.service.exportClassic(caller, id);
  }
}
