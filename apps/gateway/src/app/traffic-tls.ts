import type { TrafficTls } from '@gatehouse/gateway-proxy';
import type { HttpsListener } from '@gatehouse/shared-app-runtime';
import type { Logger } from '@gatehouse/shared-observability';
import { CertificateSource, ServerCertificates } from '@gatehouse/shared-tls';

import type { GatewayConfig } from './gateway.config';
import { nodeTlsVersion, openSslCiphers } from './gateway-tls.config';

/** HTTPS on the traffic port from Tyk's `http_server_options`, with its certificates watched. */
export interface TrafficTlsSetup {
  tls: TrafficTls;
  /** The same certificates for the Gateway API on a port of its own (Tyk serves it over TLS too). */
  control: HttpsListener;
  close(): void;
}

/** The certificates in tyk.conf's order: `certificates` (by domain), then `ssl_certificates` files. */
function sourcesOf(options: GatewayConfig['http_server_options']): CertificateSource[] {
  return [
    ...options.certificates.map((entry) => ({
      domain: entry.domain_name || undefined,
      files: { certFile: entry.cert_file, keyFile: entry.key_file },
    })),
    // Tyk's file form holds the private key and the certificate chain together.
    ...options.ssl_certificates.map((file) => ({ files: { certFile: file, keyFile: file } })),
  ];
}

/** Undefined when `use_ssl` is off: the traffic port then serves plain HTTP, as in Tyk. */
export async function trafficTls(
  config: GatewayConfig,
  logger: Logger,
): Promise<TrafficTlsSetup | undefined> {
  const options = config.http_server_options;
  if (!options.use_ssl) return undefined;
  const context = {
    minVersion: nodeTlsVersion(options.min_version) ?? 'TLSv1.2',
    maxVersion: nodeTlsVersion(options.max_version),
    ciphers: openSslCiphers(options.ssl_ciphers),
  } as const;
  const certificates = await ServerCertificates.load(sourcesOf(options), {
    intervalMs: options.tls_reload_interval_ms,
    context,
    onRejected: (message) => logger.error({}, `traffic port certificate not reloaded: ${message}`),
  });
  logger.info(
    {
      certificates: options.certificates.length + options.ssl_certificates.length,
      http2: options.enable_http2,
    },
    'traffic port serves HTTPS',
  );
  return {
    tls: {
      // Every client is asked for a certificate, none is required by the handshake: an API with
      // use_mutual_tls_auth checks it (ClientCertificateStage); the others never look at it.
      options: { ...certificates.serverOptions, requestCert: true, rejectUnauthorized: false },
      http2: options.enable_http2,
      onDefaultChanged: (apply) => certificates.onDefaultChanged(apply),
    },
    control: {
      options: certificates.serverOptions,
      onChanged: (apply) => certificates.onDefaultChanged(apply),
      // The traffic port's setup owns the watched files.
      close: () => undefined,
    },
    close: () => certificates.close(),
  };
}
