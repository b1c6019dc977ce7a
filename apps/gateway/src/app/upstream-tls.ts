import type { ConnectionOptions } from 'node:tls';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

import type { GatewayConfig } from './gateway.config';
import { nodeTlsVersion, openSslCiphers } from './gateway-tls.config';

function privateCa(file: string): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`proxy_ssl_ca_file: cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
}

/**
 * TLS to https upstreams from Tyk's global `proxy_ssl_*` settings; `proxy_ssl_ca_file` adds a private
 * CA to the system's roots (read at start: a changed CA file takes a restart).
 */
export function upstreamTls(config: GatewayConfig): ConnectionOptions {
  const ca = privateCa(config.proxy_ssl_ca_file);
  return {
    rejectUnauthorized: !config.proxy_ssl_insecure_skip_verify,
    minVersion: nodeTlsVersion(config.proxy_ssl_min_version),
    maxVersion: nodeTlsVersion(config.proxy_ssl_max_version),
    ciphers: openSslCiphers(config.proxy_ssl_ciphers),
    ca: ca ? [...rootCertificates, ca] : undefined,
  };
}
