export * from './lib/handshake.service';
export * from './lib/session-stores';
