export * from './lib/gateway-group.repository';
export * from './lib/mongo-connection';
export * from './lib/node-token.repository';
