import type { GrpcClientTls } from '@gatehouse/shared-proto';
import type { Logger } from '@gatehouse/shared-observability';

import type { GatewayConfig } from './gateway.config';

/**
 * TLS to the bridge from `slave_options` (checked at start: plaintext needs `allow_insecure_bridge`), or
 * undefined for the plaintext the configuration allowed, which is said at start-up. Loaded lazily with
 * the rest of hybrid mode (gRPC is not needed standalone).
 */
export async function bridgeTls(
  options: GatewayConfig['slave_options'],
  logger: Logger,
): Promise<GrpcClientTls | undefined> {
  if (!options.use_ssl) {
    logger.warn(
      { setting: 'slave_options.allow_insecure_bridge' },
      'connecting to the bridge WITHOUT TLS: the node token crosses the network in clear (slave_options.allow_insecure_bridge is true)',
    );
    return undefined;
  }
  if (options.ssl_insecure_skip_verify)
    logger.warn(
      { setting: 'slave_options.ssl_insecure_skip_verify' },
      "the bridge's certificate is not checked: any server can pose as the bridge and receive the node token",
    );
  const { bridgeClientTls } = await import('@gatehouse/shared-proto');
  return bridgeClientTls(options, options.tls_reload_interval_ms, (message) =>
    logger.error({}, `bridge TLS files not reloaded: ${message}`),
  );
}
