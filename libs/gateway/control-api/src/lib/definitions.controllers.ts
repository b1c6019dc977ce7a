import type { TykDocument } from '@gatehouse/gateway-core';
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
  Type,
  UseGuards,
} from '@nestjs/common';

import { DefinitionService } from './definition.service';
import { TykAuthGuard } from './tyk-auth.guard';
import type { ModifyResponse } from './tyk-api.types';

export const API_DEFINITIONS = Symbol('API_DEFINITIONS');
export const POLICY_DEFINITIONS = Symbol('POLICY_DEFINITIONS');

export function modified(key: string, action: ModifyResponse['action']): ModifyResponse {
  return { key, status: 'ok', action };
}

/** Tyk's CRUD routes for one kind of definition, over the DefinitionService provided as `token`. */
function definitionsController(path: string, token: symbol): Type<unknown> {
  @Controller(path)
  @UseGuards(TykAuthGuard)
  class DefinitionsController {
    constructor(@Inject(token) private readonly definitions: DefinitionService) {}

    @Get()
    list(): TykDocument[] {
      return this.definitions.list();
    }

    @Get(':id')
    get(@Param('id') id: string): TykDocument {
      return this.definitions.get(id);
    }

    @Post()
    @HttpCode(200)
    async create(@Body() body: unknown): Promise<ModifyResponse> {
      return modified(await this.definitions.create(body), 'added');
    }

    @Put(':id')
    async update(@Param('id') id: string, @Body() body: unknown): Promise<ModifyResponse> {
      await this.definitions.update(id, body);
      return modified(id, 'modified');
    }

    @Delete(':id')
    async delete(@Param('id') id: string): Promise<ModifyResponse> {
      await this.definitions.delete(id);
      return modified(id, 'deleted');
    }
  }
  return DefinitionsController;
}

/** `/tyk/apis`: Tyk API definitions, applied by hot reload (Tyk needs a separate reload call). */
export const ApisController = definitionsController('tyk/apis', API_DEFINITIONS);

/** `/tyk/policies`: Tyk policies, applied by hot reload. */
export const PoliciesController = definitionsController('tyk/policies', POLICY_DEFINITIONS);
