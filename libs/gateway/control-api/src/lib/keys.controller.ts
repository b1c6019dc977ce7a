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
  UseGuards,
} from '@nestjs/common';

import { KeyService } from './key.service';
import { TykAuthGuard } from './tyk-auth.guard';
import type { ModifyResponse } from './tyk-api.types';

function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/** `/tyk/keys`: Tyk's key management endpoints and answers. */
@Controller('tyk/keys')
@UseGuards(TykAuthGuard)
export class KeysController {
  constructor(@Inject(KeyService) private readonly keys: KeyService) {}

  @Get()
  list(@Query('filter') filter?: string): Promise<{ keys: string[] }> {
    return this.keys.list(filter ?? '');
  }

  @Post()
  @HttpCode(200)
  createGenerated(@Body() body: unknown): Promise<ModifyResponse> {
    return this.keys.create(body);
  }

  @Post('create')
  @HttpCode(200)
  create(@Body() body: unknown): Promise<ModifyResponse> {
    return this.keys.create(body);
  }

  @Post('policy/:keyHash')
  @HttpCode(200)
  setPolicies(@Param('keyHash') keyHash: string, @Body() body: unknown): Promise<ModifyResponse> {
    return this.keys.setPolicies(keyHash, body);
  }

  @Post(':key')
  @HttpCode(200)
  createCustom(@Param('key') key: string, @Body() body: unknown): Promise<ModifyResponse> {
    return this.keys.create(body, key);
  }

  @Get(':key')
  get(
    @Param('key') key: string,
    @Query('hashed') hashed?: string,
    @Query('org_id') orgId?: string,
  ): Promise<Record<string, unknown>> {
    return this.keys.get(key, flag(hashed), orgId);
  }

  @Put(':key')
  update(
    @Param('key') key: string,
    @Body() body: unknown,
    @Query('hashed') hashed?: string,
    @Query('suppress_reset') suppressReset?: string,
  ): Promise<ModifyResponse> {
    return this.keys.update(key, body, flag(hashed), flag(suppressReset));
  }

  @Delete(':key')
  delete(
    @Param('key') key: string,
    @Query('hashed') hashed?: string,
    @Query('org_id') orgId?: string,
  ): Promise<ModifyResponse> {
    return this.keys.delete(key, flag(hashed), orgId);
  }
}
