import { ClusterNotifications, LimitsRepository, SessionRepository } from '@gatehouse/gateway-storage';
import { DynamicModule, Module } from '@nestjs/common';

import { API_KIND, OAS_API_KIND, POLICY_KIND } from './definition-kinds';
import { CacheController } from './cache.controller';
import { DefinitionService } from './definition.service';
import {
  ApisController,
  API_DEFINITIONS,
  POLICY_DEFINITIONS,
  PoliciesController,
} from './definitions.controllers';
import { HelloController, ReloadController } from './hello-reload.controllers';
import { KeyLookups, KeyService } from './key.service';
import { KeysController } from './keys.controller';
import { MethodNotSupportedController } from './method-not-supported.controller';
import { oauthAdminParts } from './oauth-admin.parts';
import type { OAuthAdminOptions } from './oauth-admin.types';
import { OasApiService } from './oas-api.service';
import { OasApisController } from './oas-apis.controller';
import { TykAuthGuard } from './tyk-auth.guard';
import { GATEWAY_API_OPTIONS, GatewayApiOptions } from './tyk-api.types';

export interface GatewayApiModuleOptions extends GatewayApiOptions {
  sessions: SessionRepository;
  limits: LimitsRepository;
  notifications: ClusterNotifications;
  lookups: KeyLookups;
  /** Tyk's `/tyk/oauth/*` routes; left out when absent. */
  oauth?: OAuthAdminOptions;
}

/** Tyk's Gateway API, mounted on the gateway's control app. */
@Module({})
export class GatewayApiModule {
  static forRoot(options: GatewayApiModuleOptions): DynamicModule {
    const oauth = oauthAdminParts(options.oauth, options.readOnlyReason);
    return {
      module: GatewayApiModule,
      controllers: [
        HelloController,
        ReloadController,
        ApisController,
        OasApisController,
        PoliciesController,
        KeysController,
        ...oauth.controllers,
        CacheController,
        MethodNotSupportedController,
      ],
      providers: [
        TykAuthGuard,
        { provide: GATEWAY_API_OPTIONS, useValue: options },
        {
          provide: API_DEFINITIONS,
          useValue: new DefinitionService(API_KIND, options.config, options.writer, options.readOnlyReason),
        },
        {
          provide: OasApiService,
          useValue: new OasApiService(
            new DefinitionService(OAS_API_KIND, options.config, options.writer, options.readOnlyReason),
          ),
        },
        {
          provide: POLICY_DEFINITIONS,
          useValue: new DefinitionService(
            POLICY_KIND,
            options.config,
            options.writer,
            options.readOnlyReason,
          ),
        },
        {
          provide: KeyService,
          useValue: new KeyService(
            options.sessions,
            options.limits,
            options.notifications,
            options.keys,
            options.lookups,
            options.readOnlyReason,
          ),
        },
        ...oauth.providers,
      ],
    };
  }
}
