export * from './lib/gateway-group.repository';
export * from './lib/gateway-node.repository';
export * from './lib/mongo-connection';
export * from './lib/node-token.repository';
