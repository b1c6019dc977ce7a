export * from './lib/audit.repository';
export * from './lib/org.repository';
export * from './lib/token.repository';
export * from './lib/user.repository';
export * from './lib/credential-throttle';
export * from './lib/analytics.repository';
