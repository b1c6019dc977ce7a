export * from './lib/api.repository';
export * from './lib/audit.repository';
export * from './lib/change-follower';
export * from './lib/change-notifier';
export * from './lib/org.repository';
export * from './lib/revisions';
export * from './lib/token.repository';
export * from './lib/user.repository';
