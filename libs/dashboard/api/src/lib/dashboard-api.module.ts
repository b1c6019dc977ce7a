import { DynamicModule, Module } from '@nestjs/common';

import { ApisService } from './apis.service';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DASHBOARD_API_OPTIONS, DashboardApiOptions } from './dashboard-stores';
import { ApisController, ChangesAndAuditController, UsersController } from './resource.controllers';
import { MeController, OrgsController, SessionsController } from './session.controllers';

/** The dashboard's REST API; the app mounts it under /api/v1. */
@Module({})
export class DashboardApiModule {
  static forRoot(options: DashboardApiOptions): DynamicModule {
    return {
      module: DashboardApiModule,
      controllers: [
        OrgsController,
        SessionsController,
        MeController,
        UsersController,
        ApisController,
        ChangesAndAuditController,
      ],
      providers: [
        { provide: DASHBOARD_API_OPTIONS, useValue: options },
        { provide: AuthService, useValue: new AuthService(options) },
        { provide: ApisService, useValue: new ApisService(options.stores) },
        AuthGuard,
      ],
    };
  }
}
