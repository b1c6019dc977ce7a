export * from './lib/gateway-api.module';
export * from './lib/key.service';
export * from './lib/tyk-api.types';
export * from './lib/tyk-auth.guard';
