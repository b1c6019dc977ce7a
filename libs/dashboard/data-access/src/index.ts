export { AnalyticsRepository, type AggregateQuery } from './lib/analytics.repository';
export { AuditRepository, type AuditEntry, type AuditQuery } from './lib/audit.repository';
export { CredentialThrottle, type ThrottleKey } from './lib/credential-throttle';
export { OrgRepository, type Organisation } from './lib/org.repository';
export { TokenRepository, type StoredToken, type TokenKind } from './lib/token.repository';
export { UserRepository, type User } from './lib/user.repository';
