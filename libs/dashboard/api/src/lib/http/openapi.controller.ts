import { Controller, Get, Inject } from '@nestjs/common';

/** The API's own OpenAPI document; set by the module, which knows the routes. */
export const OPENAPI_DOCUMENT = Symbol('OPENAPI_DOCUMENT');

@Controller()
export class OpenApiController {
  constructor(@Inject(OPENAPI_DOCUMENT) private readonly document: Record<string, unknown>) {}

  @Get('openapi.json')
  openapi() {
    return this.document;
  }
}
