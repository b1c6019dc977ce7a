/** The Gatehouse release every component reports (health, handshake, metrics). Bumped with package.json. */
export const GATEHOUSE_VERSION = '0.1.0';
