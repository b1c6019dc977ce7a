export * from './lib/domain-error.filter';
export * from './lib/health.service';
export * from './lib/heap-growth';
export * from './lib/http-app';
export * from './lib/pino-nest-logger';
export * from './lib/runtime.module';
export * from './lib/tokens';
export * from './lib/process-boot';
