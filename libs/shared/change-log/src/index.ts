export * from './lib/change';
export * from './lib/change-follower';
