export * from './lib/handshake.service';
export * from './lib/session-stores';
export * from './lib/node-authenticator';
