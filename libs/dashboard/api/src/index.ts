export { DASHBOARD_CONTROLLERS, DashboardApiModule } from './lib/dashboard-api.module';
export type { DashboardApiOptions, DashboardStores } from './lib/dashboard-api.options';
export type { GatewayGroupStore } from './lib/gateway-groups/gateway-group-store';
export { routesOf, type RouteInfo } from './lib/http/routes';
export type { OrgWriteRate, WriteAdmission } from './lib/http/write-admission.interceptor';
