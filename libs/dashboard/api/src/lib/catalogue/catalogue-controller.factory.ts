import type { Resource } from '@gatehouse/dashboard-domain';
import type { DocumentKind } from '@gatehouse/shared-kernel';
import { Body, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Res, type Type } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z, type ZodType } from 'zod';

import { answerPage, type ListPage } from '../http/paged';
import { Caller, type Principal } from '../http/principal';
import { BodySchema, ConflictWhen, ListRoute, Requires, ResponseSchema } from '../http/route-metadata';
import { BodyDocument, StoredDocuments } from '../http/stored-documents';

/** What a versioned catalogue (APIs, policies) offers its controller. */
export interface CatalogueService {
  /** A page of the catalogue as `listQuerySchema` narrows it, and how many entries match in all. */
  list(caller: Principal, query: unknown): Promise<ListPage<unknown>>;
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
  /** The list's query (page and filters): the schema the service parses it with. */
  listQuerySchema: ZodType;
  /** One stored document as answered. */
  recordSchema: ZodType;
  /** One entry of the list as answered. */
  listItemSchema: ZodType;
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

    @ListRoute(resource, routes.listQuerySchema, routes.listItemSchema)
    async list(
      @Caller() caller: Principal,
      @Query() query: unknown,
      @Res({ passthrough: true }) reply: FastifyReply,
    ) {
      return answerPage(reply, await this.service.list(caller, query));
    }

    @Post()
    @Requires(resource, 'write')
    @BodySchema(routes.bodySchema)
    @StoredDocuments(routes.documentKind)
    @ConflictWhen(routes.conflicts.create)
    @ResponseSchema(routes.recordSchema)
    create(@Caller() caller: Principal, @Body() body: unknown) {
      return this.service.create(caller, body);
    }

    @Post('import')
    @HttpCode(200)
    @Requires(resource, 'write')
    @BodySchema(routes.importSchema)
    @StoredDocuments(routes.documentKind, routes.importedDocuments)
    @ResponseSchema(z.array(routes.recordSchema))
    import(@Caller() caller: Principal, @Body() body: unknown) {
      return this.service.import(caller, body);
    }

    @Get(':id')
    @Requires(resource, 'read')
    @ResponseSchema(routes.recordSchema)
    get(@Caller() caller: Principal, @Param('id') id: string) {
      return this.service.get(caller, id);
    }

    @Put(':id')
    @Requires(resource, 'write')
    @BodySchema(routes.bodySchema)
    @StoredDocuments(routes.documentKind)
    @ConflictWhen(routes.conflicts.replace)
    @ResponseSchema(routes.recordSchema)
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
