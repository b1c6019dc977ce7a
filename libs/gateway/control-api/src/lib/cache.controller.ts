import { Controller, Delete, Inject, Param, UseGuards } from '@nestjs/common';

import { TykAuthGuard } from './tyk-auth.guard';
import { GATEWAY_API_OPTIONS, GatewayApiOptions } from './tyk-api.types';

/** `DELETE /tyk/cache/{apiId}`: Tyk's cache invalidation, every cached answer of the API in the region. */
@Controller('tyk/cache')
@UseGuards(TykAuthGuard)
export class CacheController {
  constructor(@Inject(GATEWAY_API_OPTIONS) private readonly options: GatewayApiOptions) {}

  @Delete(':apiId')
  async invalidate(@Param('apiId') apiId: string) {
    await this.options.responseCache.invalidate(apiId);
    return { status: 'ok', message: 'cache invalidated' };
  }
}
