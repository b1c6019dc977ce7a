import type { TykDocument } from '@gatehouse/gateway-core';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';

import { modified } from './definitions.controllers';
import { OasApiService, publicOas } from './oas-api.service';
import { TykAuthGuard } from './tyk-auth.guard';
import type { ModifyResponse } from './tyk-api.types';

/**
 * Tyk's download answer (doJSONExport): the JSON indented by two spaces, as a file attachment. Tyk's
 * filenames tell the full document (`TykOasApiDef`) from the public one (`oas`).
 */
function exported(reply: FastifyReply, name: string, mode: string | undefined, body: unknown): string {
  const file = `${mode === 'public' ? 'oas' : 'TykOasApiDef'}${name}.json`;
  void reply.header('content-type', 'application/octet-stream');
  // Quoted as Go's %q does, and sent as the UTF-8 bytes Go writes: an id with a quote, a newline or
  // a non-Latin-1 character can neither break the header nor make Node refuse it.
  const quoted = Buffer.from(JSON.stringify(file), 'utf8').toString('latin1');
  void reply.header('content-disposition', `attachment;filename=${quoted}`);
  return JSON.stringify(body, null, 2);
}

/**
 * `/tyk/apis/oas`: Tyk OAS API definitions, applied at once like /tyk/apis (Tyk needs a reload).
 * Static segments (`export`) outrank `:id` in the router, so `/tyk/apis/oas/export` is the export.
 */
@Controller('tyk/apis/oas')
@UseGuards(TykAuthGuard)
export class OasApisController {
  constructor(@Inject(OasApiService) private readonly apis: OasApiService) {}

  /** Tyk ignores `mode=public` here: only the export routes strip the extension. */
  @Get()
  list(): TykDocument[] {
    return this.apis.list();
  }

  @Post()
  @HttpCode(200)
  async create(@Body() body: unknown): Promise<ModifyResponse> {
    return modified(await this.apis.create(body), 'added');
  }

  @Get('export')
  exportAll(@Query('mode') mode: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const all = this.apis.list();
    return exported(reply, '', mode, mode === 'public' ? all.map(publicOas) : all);
  }

  @Get(':id')
  get(@Param('id') id: string): TykDocument {
    return this.apis.get(id);
  }

  @Get(':id/export')
  exportOne(
    @Param('id') id: string,
    @Query('mode') mode: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const document = this.apis.get(id);
    return exported(reply, `-${id}`, mode, mode === 'public' ? publicOas(document) : document);
  }

  @Put(':id')
  async update(@Param('id') id: string, @Body() body: unknown): Promise<ModifyResponse> {
    await this.apis.update(id, body);
    return modified(id, 'modified');
  }

  @Patch(':id')
  async patch(@Param('id') id: string, @Body() body: unknown): Promise<ModifyResponse> {
    await this.apis.patch(id, body);
    return modified(id, 'modified');
  }

  @Delete(':id')
  async delete(@Param('id') id: string): Promise<ModifyResponse> {
    await this.apis.delete(id);
    return modified(id, 'deleted');
  }
}
