import type { BridgeClientTlsOptions } from '@gatehouse/shared-config';
import { CertificateFiles, PemFiles, PemMaterial } from '@gatehouse/shared-tls';
import * as grpc from '@grpc/grpc-js';
import { rootCertificates } from 'node:tls';

type Provider = grpc.experimental.CertificateProvider;
type CaListener = grpc.experimental.CaCertificateUpdateListener;
type IdentityListener = grpc.experimental.IdentityCertificateUpdateListener;

/**
 * grpc-js's certificate provider fed from {@link CertificateFiles}, so a renewed certificate reaches new
 * connections without a restart, and a half-rotated pair never does (CertificateFiles holds it back).
 */
class PemProvider implements Provider {
  private readonly caListeners = new Set<CaListener>();
  private readonly identityListeners = new Set<IdentityListener>();

  constructor(private material: PemMaterial) {}

  update(material: PemMaterial): void {
    this.material = material;
    for (const listener of this.caListeners) listener(this.caUpdate());
    for (const listener of this.identityListeners) listener(this.identityUpdate());
  }

  // grpc-js registers a server's watcher only after adding its listeners: a synchronous first update
  // would reach no watcher, and the server would drop every connection as having no credentials.
  addCaCertificateListener(listener: CaListener): void {
    this.caListeners.add(listener);
    queueMicrotask(() => this.caListeners.has(listener) && listener(this.caUpdate()));
  }

  removeCaCertificateListener(listener: CaListener): void {
    this.caListeners.delete(listener);
  }

  addIdentityCertificateListener(listener: IdentityListener): void {
    this.identityListeners.add(listener);
    queueMicrotask(() => this.identityListeners.has(listener) && listener(this.identityUpdate()));
  }

  removeIdentityCertificateListener(listener: IdentityListener): void {
    this.identityListeners.delete(listener);
  }

  private caUpdate() {
    return this.material.ca ? { caCertificate: this.material.ca } : null;
  }

  private identityUpdate() {
    const { cert, key } = this.material;
    return cert && key ? { certificate: cert, privateKey: key } : null;
  }
}

/** Files to watch; `onRejected` hears of a change that could not be used (logged by the caller). */
export interface WatchedTlsFiles {
  certFile: string;
  keyFile: string;
  caFile?: string;
  reloadIntervalMs: number;
  onRejected: (message: string) => void;
}

export interface GrpcServerTls {
  credentials: grpc.ServerCredentials;
  close(): void;
}

async function watchedProvider(
  files: PemFiles,
  settings: Pick<WatchedTlsFiles, 'reloadIntervalMs' | 'onRejected'>,
) {
  const provider = new PemProvider({});
  const watched = await CertificateFiles.load(files, {
    intervalMs: settings.reloadIntervalMs,
    onRejected: settings.onRejected,
    onChanged: (material) => provider.update(material),
  });
  provider.update(watched.current);
  return { provider, watched };
}

/**
 * Server credentials from PEM files; with `caFile`, every client must present a certificate signed by
 * that CA (mutual TLS) before any call is read.
 */
export async function grpcServerTls(settings: WatchedTlsFiles): Promise<GrpcServerTls> {
  const identity = await watchedProvider(
    { certFile: settings.certFile, keyFile: settings.keyFile },
    settings,
  );
  const ca = settings.caFile ? await watchedProvider({ caFile: settings.caFile }, settings) : undefined;
  const credentials = grpc.experimental.createCertificateProviderServerCredentials(
    identity.provider,
    ca?.provider ?? null,
    ca !== undefined,
  );
  return {
    credentials,
    close: () => {
      identity.watched.close();
      ca?.watched.close();
    },
  };
}

export interface GrpcClientTlsSettings {
  /** CA certificates to trust for the server; empty: the system's roots. */
  caFile: string;
  /** A client certificate and key, for servers that require mutual TLS. */
  certFile: string;
  keyFile: string;
  /** The name the server's certificate must carry, when the address does not (an IP, a load balancer). */
  serverName: string;
  /** Accept any server certificate (Tyk's ssl_insecure_skip_verify): encryption without authentication. */
  insecureSkipVerify: boolean;
  reloadIntervalMs: number;
  onRejected: (message: string) => void;
}

export interface GrpcClientTls {
  credentials: grpc.ChannelCredentials;
  channelOptions: grpc.ChannelOptions;
  close(): void;
}

/** Channel credentials for a TLS server, verified against `caFile` (or the system's roots) and its name. */
export async function grpcClientTls(settings: GrpcClientTlsSettings): Promise<GrpcClientTls> {
  const watchedCa = settings.caFile
    ? await watchedProvider({ caFile: settings.caFile }, settings)
    : undefined;
  const ca = watchedCa?.provider ?? new PemProvider({ ca: Buffer.from(rootCertificates.join('\n')) });
  const identity = settings.certFile
    ? await watchedProvider({ certFile: settings.certFile, keyFile: settings.keyFile }, settings)
    : undefined;
  const verify: grpc.VerifyOptions = settings.insecureSkipVerify
    ? { rejectUnauthorized: false, checkServerIdentity: () => undefined }
    : {};
  const credentials = grpc.experimental.createCertificateProviderChannelCredentials(
    ca,
    identity?.provider ?? null,
    verify,
  );
  const channelOptions: grpc.ChannelOptions = settings.serverName
    ? { 'grpc.ssl_target_name_override': settings.serverName, 'grpc.default_authority': settings.serverName }
    : {};
  return {
    credentials,
    channelOptions,
    close: () => {
      watchedCa?.watched.close();
      identity?.watched.close();
    },
  };
}

/** TLS to the bridges from a gateway's `slave_options` or a bridge sink's `meta` (with `use_ssl`). */
export function bridgeClientTls(
  options: BridgeClientTlsOptions,
  reloadIntervalMs: number,
  onRejected: (message: string) => void,
): Promise<GrpcClientTls> {
  return grpcClientTls({
    caFile: options.ca_file,
    certFile: options.cert_file,
    keyFile: options.key_file,
    serverName: options.server_name,
    insecureSkipVerify: options.ssl_insecure_skip_verify,
    reloadIntervalMs,
    onRejected,
  });
}
