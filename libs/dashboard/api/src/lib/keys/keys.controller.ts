import { sessionStateSchema } from '@gatehouse/shared-tyk-compat';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';

import { AuthGuard } from '../auth/auth.guard';
import { Caller, type Principal } from '../http/principal';
import { answerPage } from '../http/paged';
import { BodySchema, ListRoute, Requires, ResponseSchema } from '../http/route-metadata';
import { BodyDocument, StoredDocuments } from '../http/stored-documents';
import { createdKeySchema, importedKeysSchema, keyViewSchema } from './key.responses';
import { keyImportSchema, keyListQuerySchema, KeysService } from './keys.service';

/** The sessions inside a key import (each entry is `{key | key_hash, session}`). */
const importedKeys = (body: unknown): BodyDocument[] =>
  Array.isArray(body)
    ? body.map((entry, index) => ({
        path: `${index}.session`,
        document: (entry as { session?: unknown })?.session,
      }))
    : [{ path: '', document: body }];

@Controller('keys')
@UseGuards(AuthGuard)
export class KeysController {
  constructor(@Inject(KeysService) private readonly keys: KeysService) {}

  @ListRoute('keys', keyListQuerySchema, keyViewSchema)
  async list(
    @Caller() caller: Principal,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answerPage(reply, await this.keys.list(caller, query));
  }

  /** Creates a key; the answer holds the raw key, which is never shown again. */
  @Post()
  @Requires('keys', 'write')
  @BodySchema(sessionStateSchema)
  @StoredDocuments('key')
  @ResponseSchema(createdKeySchema)
  create(@Caller() caller: Principal, @Body() body: unknown) {
    return this.keys.create(caller, body);
  }

  @Post('import')
  @HttpCode(200)
  @Requires('keys', 'write')
  @BodySchema(keyImportSchema)
  @StoredDocuments('key', importedKeys)
  @ResponseSchema(importedKeysSchema)
  import(@Caller() caller: Principal, @Body() body: unknown) {
    return this.keys.import(caller, body);
  }

  @Get(':hash')
  @Requires('keys', 'read')
  @ResponseSchema(keyViewSchema)
  get(@Caller() caller: Principal, @Param('hash') hash: string) {
    return this.keys.get(caller, hash);
  }

  @Put(':hash')
  @Requires('keys', 'write')
  @BodySchema(sessionStateSchema)
  @StoredDocuments('key')
  @ResponseSchema(keyViewSchema)
  update(@Caller() caller: Principal, @Param('hash') hash: string, @Body() body: unknown) {
    return this.keys.update(caller, hash, body);
  }

  @Post(':hash/reset-quota')
  @HttpCode(200)
  @Requires('keys', 'write')
  @ResponseSchema(keyViewSchema)
  resetQuota(@Caller() caller: Principal, @Param('hash') hash: string) {
    return this.keys.resetQuota(caller, hash);
  }

  @Delete(':hash')
  @HttpCode(204)
  @Requires('keys', 'write')
  async revoke(@Caller() caller: Principal, @Param('hash') hash: string): Promise<void> {
    await this.keys.revoke(caller, hash);
  }
}
