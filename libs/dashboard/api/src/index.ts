export * from './lib/dashboard-api.module';
export * from './lib/dashboard-stores';
export * from './lib/redact';
export * from './lib/openapi';
export * from './lib/routes';
export type { OrgWriteRate, WriteAdmission } from './lib/write-admission.interceptor';
