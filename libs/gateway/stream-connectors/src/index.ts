export * from './lib/connector-types';
export { streamConnectors } from './lib/stream-connectors';
