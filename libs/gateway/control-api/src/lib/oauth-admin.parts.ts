import type { Provider, Type } from '@nestjs/common';

import type { OAuthAdminOptions } from './oauth-admin.types';
import { OAuthClientsController } from './oauth-clients.controller';
import { OAuthClientsService } from './oauth-clients.service';
import { OAuthRevocationService } from './oauth-revocation.service';

/** The `/tyk/oauth` routes and their services; none when the gateway was started without OAuth storage. */
export function oauthAdminParts(
  options: OAuthAdminOptions | undefined,
  readOnlyReason: string | undefined,
): { controllers: Type<unknown>[]; providers: Provider[] } {
  if (!options) return { controllers: [], providers: [] };
  return {
    controllers: [OAuthClientsController],
    providers: [
      { provide: OAuthClientsService, useValue: new OAuthClientsService(options, readOnlyReason) },
      { provide: OAuthRevocationService, useValue: new OAuthRevocationService(options) },
    ],
  };
}
