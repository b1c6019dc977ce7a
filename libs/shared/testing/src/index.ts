export * from './lib/config-docs';
export * from './lib/child-process';
export * from './lib/free-port';
export * from './lib/repo-root';
export * from './lib/stack-services';
export * from './lib/unique-names';
export * from './lib/wait-for';
export * from './lib/analytics-fixtures';
