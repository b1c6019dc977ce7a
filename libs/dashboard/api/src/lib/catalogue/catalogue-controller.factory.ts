import { pageSchema, type Resource } from '@gatehouse/dashboard-domain';
import { DocumentKind, parseOrThrow } from '@gatehouse/shared-kernel';
import { Body, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, type Type } from '@nestjs/common';
import type { ZodType } from 'zod';

import { Caller, type Principal } from '../http/principal';
import { BodySchema, ConflictWhen, Requires } from '../http/route-metadata';
import { BodyDocument, StoredDocuments } from '../http/stored-documents';

/** What a versioned catalogue (APIs, policies) offers its controller. */
export interface CatalogueService {
  list(caller: Principal, limit: number, offset: number): Promise<unknown[]>;
  create(caller: Principal, body: unknown): Promise<unknown>;
  import(caller: Principal, body: unknown): Promise<unknown[]>;
  get(caller: Principal, id: string): Promise<unknown>;
  replace(caller: Principal, id: string, body: unknown): Promise<unknown>;
  delete(caller: Principal, id: string): Promise<void>;
}

export interface CatalogueRoutes<S extends CatalogueService> {
  resource: Resource;
  service: Type<S>;
  /** One document, as created or replaced. */
  bodySchema: ZodType;
  /** What `POST import` takes: Tyk's own export shapes. */
  importSchema: ZodType;
  /** Whose limits the stored documents are held to. */
  documentKind: DocumentKind;
  /** The documents inside an import body. */
  importedDocuments: (body: unknown) => BodyDocument[];
  /** When create and replace answer 409 (for the OpenAPI document). */
  conflicts: { create: string; replace?: string };
}

/**
 * The CRUD and import routes shared by the versioned catalogues. The subclass adds `@Controller`,
 * its guard and any routes of its own, so the class name (and the OpenAPI operation ids) stay its own.
 */
export function catalogueController<S extends CatalogueService>(routes: CatalogueRoutes<S>) {
  const { resource } = routes;

  class CatalogueController {
    constructor(@Inject(routes.service) protected readonly service: S) {}

    @Get()
    @Requires(resource, 'read')
    list(@Caller() caller: Principal, @Query() query: unknown) {
      const page = parseOrThrow(pageSchema, query);
      return this.service.list(caller, page.limit, page.offset);
    }

    @Post()
    @Requires(resource, 'write')
    @BodySchema(routes.bodySchema)
    @StoredDocuments(routes.documentKind)
    @ConflictWhen(routes.conflicts.create)
    create(@Caller() caller: Principal, @Body() body: unknown) {
      return this.service.create(caller, body);
    }

    @Post('import')
    @HttpCode(200)
    @Requires(resource, 'write')
    @BodySchema(routes.importSchema)
    @StoredDocuments(routes.documentKind, routes.importedDocuments)
    import(@Caller() caller: Principal, @Body() body: unknown) {
      return this.service.import(caller, body);
    }

    @Get(':id')
    @Requires(resource, 'read')
    get(@Caller() caller: Principal, @Param('id') id: string) {
      return this.service.get(caller, id);
    }

    @Put(':id')
    @Requires(resource, 'write')
    @BodySchema(routes.bodySchema)
    @StoredDocuments(routes.documentKind)
    @ConflictWhen(routes.conflicts.replace)
    replace(@Caller() caller: Principal, @Param('id') id: string, @Body() body: unknown) {
      return this.service.replace(caller, id, body);
    }

    @Delete(':id')
    @HttpCode(204)
    @Requires(resource, 'write')
    async delete(@Caller() caller: Principal, @Param('id') id: string): Promise<void> {
      await this.service.delete(caller, id);
    }
  }
  return CatalogueController;
}
