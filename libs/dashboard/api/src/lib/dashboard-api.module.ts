import type { LogEntry } from '@gatehouse/shared-control-plane-db';
import { DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';

import { AnalyticsController } from './analytics/analytics.controller';
import { AnalyticsService } from './analytics/analytics.service';
import { ApisController } from './apis/apis.controller';
import { ApisService } from './apis/apis.service';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AdminSecretCheck } from './auth/admin-secret-check';
import { ApiTokensService } from './auth/api-tokens.service';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LogoutService } from './auth/logout.service';
import { MeController } from './auth/me.controller';
import { SessionsController } from './auth/sessions.controller';
import { TokenIssuer } from './auth/token-issuer';
import { CatalogueWriter, type VersionedStore } from './catalogue/catalogue-writer';
import { ChangesController } from './changes/changes.controller';
import { ChangesService } from './changes/changes.service';
import type { DashboardApiOptions } from './dashboard-api.options';
import { GatewayGroupsController } from './gateway-groups/gateway-groups.controller';
import { GatewayGroupsService } from './gateway-groups/gateway-groups.service';
import { GatewayNodesService } from './gateway-groups/gateway-nodes.service';
import { NodeTokensService } from './gateway-groups/node-tokens.service';
import { openApiDocument } from './http/openapi';
import { OPENAPI_DOCUMENT, OpenApiController } from './http/openapi.controller';
import { routesOf } from './http/routes';
import { WRITE_ADMISSION, WriteAdmissionInterceptor } from './http/write-admission.interceptor';
import { KeysController } from './keys/keys.controller';
import { KeysService } from './keys/keys.service';
import { OrgsController } from './orgs/orgs.controller';
import { OrgsService } from './orgs/orgs.service';
import { PoliciesController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** Every controller whose routes the OpenAPI document describes and the access specs walk. */
export const DASHBOARD_CONTROLLERS = [
  OrgsController,
  SessionsController,
  MeController,
  UsersController,
  ApisController,
  PoliciesController,
  KeysController,
  GatewayGroupsController,
  ChangesController,
  AuditController,
  AnalyticsController,
];

/** An instance as the provider of its own class, which is what controllers `@Inject`. */
const provided = (instance: object): Provider => ({
  provide: instance.constructor as Type<unknown>,
  useValue: instance,
});

/** The services, each given only the stores it uses. */
function services({ stores, ...options }: DashboardApiOptions): object[] {
  const audit = new AuditService(stores.audit);
  const issuer = new TokenIssuer(stores.tokens, options.sessionHours);
  const adminSecret = new AdminSecretCheck(stores.credentialThrottle, options.adminSecret);
  const groups = new GatewayGroupsService(stores.gatewayGroups, stores.nodeTokens, audit);
  // Every catalogue write goes through a writer, which audits it and wakes the bridges.
  const writer = <Fields>(store: VersionedStore<Fields>, resource: string, kind: LogEntry['kind']) =>
    new CatalogueWriter(store, resource, kind, audit, stores.changes);
  return [
    audit,
    new AuthService(stores.orgs, stores.users, stores.tokens, stores.credentialThrottle, issuer),
    new ApiTokensService(stores.tokens, issuer, audit),
    new LogoutService(stores.tokens, audit),
    new OrgsService(stores.orgs, stores.users, adminSecret, issuer, audit),
    new UsersService(stores.users, stores.tokens, audit),
    new ApisService(stores.apis, writer(stores.apis, 'apis', 'api'), stores.gatewayGroups),
    new PoliciesService(stores.policies, writer(stores.policies, 'policies', 'policy')),
    new KeysService(
      stores.keys,
      stores.policies,
      stores.apis,
      writer(stores.keys, 'keys', 'key'),
      options.hashKeyFunction,
      options.keyHashing,
    ),
    groups,
    new NodeTokensService(groups, stores.nodeTokens, audit),
    new GatewayNodesService(groups, stores.gatewayNodes, stores.apis, stores.policies),
    new ChangesService([stores.apis, stores.policies, stores.keys]),
    new AnalyticsService(stores.analytics),
  ];
}

/** The dashboard's REST API; the app mounts it under /api/v1. */
@Module({})
export class DashboardApiModule {
  static forRoot(options: DashboardApiOptions): DynamicModule {
    return {
      module: DashboardApiModule,
      controllers: [...DASHBOARD_CONTROLLERS, OpenApiController],
      providers: [
        ...services(options).map(provided),
        { provide: OPENAPI_DOCUMENT, useValue: openApiDocument(routesOf(DASHBOARD_CONTROLLERS)) },
        AuthGuard,
        { provide: WRITE_ADMISSION, useValue: options.admission },
        // Interceptors run after guards: every write is admitted knowing its caller's org.
        { provide: APP_INTERCEPTOR, useClass: WriteAdmissionInterceptor },
      ],
    };
  }
}
