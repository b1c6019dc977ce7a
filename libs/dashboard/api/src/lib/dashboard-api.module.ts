import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';

import { ApisService } from './apis.service';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { GatewayGroupsController, KeysController, PoliciesController } from './catalogue.controllers';
import { DASHBOARD_API_OPTIONS, DashboardApiOptions } from './dashboard-stores';
import { GatewayGroupsService } from './gateway-groups.service';
import { KeysService } from './keys.service';
import { PoliciesService } from './policies.service';
import { AnalyticsController } from './analytics.controller';
import { ApisController, ChangesAndAuditController, UsersController } from './resource.controllers';
import { openApiDocument } from './openapi';
import { routesOf } from './routes';
import { WRITE_ADMISSION, WriteAdmissionInterceptor } from './write-admission.interceptor';
import {
  MeController,
  OPENAPI_DOCUMENT,
  OpenApiController,
  OrgsController,
  SessionsController,
} from './session.controllers';

export const DASHBOARD_CONTROLLERS = [
  OrgsController,
  SessionsController,
  MeController,
  UsersController,
  ApisController,
  PoliciesController,
  KeysController,
  GatewayGroupsController,
  ChangesAndAuditController,
  AnalyticsController,
];

/** The dashboard's REST API; the app mounts it under /api/v1. */
@Module({})
export class DashboardApiModule {
  static forRoot(options: DashboardApiOptions): DynamicModule {
    return {
      module: DashboardApiModule,
      controllers: [...DASHBOARD_CONTROLLERS, OpenApiController],
      providers: [
        { provide: DASHBOARD_API_OPTIONS, useValue: options },
        { provide: OPENAPI_DOCUMENT, useValue: openApiDocument(routesOf(DASHBOARD_CONTROLLERS)) },
        { provide: AuthService, useValue: new AuthService(options) },
        { provide: ApisService, useValue: new ApisService(options.stores) },
        { provide: PoliciesService, useValue: new PoliciesService(options.stores) },
        {
          provide: KeysService,
          useValue: new KeysService(options.stores, options.hashKeyFunction, options.keyHashing),
        },
        { provide: GatewayGroupsService, useValue: new GatewayGroupsService(options.stores) },
        AuthGuard,
        { provide: WRITE_ADMISSION, useValue: options.admission },
        // Interceptors run after guards: every write is admitted knowing its caller's org.
        { provide: APP_INTERCEPTOR, useClass: WriteAdmissionInterceptor },
      ],
    };
  }
}
