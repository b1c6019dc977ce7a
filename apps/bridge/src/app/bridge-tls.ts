import { tlsEnabled } from '@gatehouse/shared-config';
import type { Logger } from '@gatehouse/shared-observability';
import { grpcServerTls, GrpcServerTls } from '@gatehouse/shared-proto';

import type { BridgeConfig } from './bridge.config';

/**
 * The gRPC listener's TLS from `grpc.tls` (mutual TLS with `clientCaFile`), or undefined for the
 * plaintext the configuration allowed explicitly, which is said at start-up.
 */
export async function grpcServerTlsOf(
  grpc: BridgeConfig['grpc'],
  logger: Logger,
): Promise<GrpcServerTls | undefined> {
  if (!tlsEnabled(grpc.tls)) {
    logger.warn(
      { setting: 'grpc.allowInsecure' },
      'serving gRPC WITHOUT TLS: node tokens cross the network in clear (grpc.allowInsecure is true)',
    );
    return undefined;
  }
  const tls = await grpcServerTls({
    certFile: grpc.tls.certFile,
    keyFile: grpc.tls.keyFile,
    caFile: grpc.tls.clientCaFile || undefined,
    reloadIntervalMs: grpc.tls.reloadIntervalMs,
    onRejected: (message) => logger.error({}, `gRPC TLS certificate not reloaded: ${message}`),
  });
  logger.info(
    { mutualTls: grpc.tls.clientCaFile !== '', reloadIntervalMs: grpc.tls.reloadIntervalMs },
    'serving gRPC over TLS',
  );
  return tls;
}
