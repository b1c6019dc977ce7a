export * from './generated/gatehouse/bridge/v1/bridge';
export * from './lib/bridge-proto';
export * from './lib/bridge-client';
export * from './lib/grpc-tls';
