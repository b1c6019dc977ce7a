import type { TykDocument } from '@gatehouse/gateway-core';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, UseGuards } from '@nestjs/common';

import { DefinitionService } from './definition.service';
import { TykAuthGuard } from './tyk-auth.guard';
import type { ModifyResponse } from './tyk-api.types';

export const API_DEFINITIONS = Symbol('API_DEFINITIONS');
export const POLICY_DEFINITIONS = Symbol('POLICY_DEFINITIONS');

function modified(key: string, action: ModifyResponse['action']): ModifyResponse {
  return { key, status: 'ok', action };
}

/** `/tyk/apis`: Tyk classic API definitions, applied by hot reload (Tyk needs a separate reload call). */
@Controller('tyk/apis')
@UseGuards(TykAuthGuard)
export class ApisController {
  constructor(@Inject(API_DEFINITIONS) private readonly apis: DefinitionService) {}

  @Get()
  list(): Promise<TykDocument[]> {
    return this.apis.list();
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<TykDocument> {
    return this.apis.get(id);
  }

  @Post()
  @HttpCode(200)
  async create(@Body() body: unknown): Promise<ModifyResponse> {
    return modified(await this.apis.create(body), 'added');
  }

  @Put(':id')
  async update(@Param('id') id: string, @Body() body: unknown): Promise<ModifyResponse> {
    await this.apis.update(id, body);
    return modified(id, 'modified');
  }

  @Delete(':id')
  async delete(@Param('id') id: string): Promise<ModifyResponse> {
    await this.apis.delete(id);
    return modified(id, 'deleted');
  }
}

/** `/tyk/policies`: Tyk policies, applied by hot reload. */
@Controller('tyk/policies')
@UseGuards(TykAuthGuard)
export class PoliciesController {
  constructor(@Inject(POLICY_DEFINITIONS) private readonly policies: DefinitionService) {}

  @Get()
  list(): Promise<TykDocument[]> {
    return this.policies.list();
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<TykDocument> {
    return this.policies.get(id);
  }

  @Post()
  @HttpCode(200)
  async create(@Body() body: unknown): Promise<ModifyResponse> {
    return modified(await this.policies.create(body), 'added');
  }

  @Put(':id')
  async update(@Param('id') id: string, @Body() body: unknown): Promise<ModifyResponse> {
    await this.policies.update(id, body);
    return modified(id, 'modified');
  }

  @Delete(':id')
  async delete(@Param('id') id: string): Promise<ModifyResponse> {
    await this.policies.delete(id);
    return modified(id, 'deleted');
  }
}
