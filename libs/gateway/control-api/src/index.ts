export * from './lib/gateway-api.module';
export type { KeyLookups } from './lib/key.service';
export type { GatewayApiOptions, KeySettings } from './lib/tyk-api.types';
export type { OAuthAdminOptions, OAuthApis } from './lib/oauth-admin.types';
