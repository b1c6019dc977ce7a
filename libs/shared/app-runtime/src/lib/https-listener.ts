import { type ServerTlsSettings, tlsEnabled } from '@gatehouse/shared-config';
import type { StructuredLogger } from '@gatehouse/shared-observability';
import { CertificateFiles, PemMaterial } from '@gatehouse/shared-tls';
import type { SecureContextOptions, TlsOptions } from 'node:tls';

/** What an HTTP app serves HTTPS with, its certificate files watched. */
export interface HttpsListener {
  options: TlsOptions;
  /** Registers for renewed certificates, applied to new connections. */
  onChanged(apply: (options: SecureContextOptions) => void): void;
  close(): void;
}

const contextOf = (identity: PemMaterial, clientCa?: PemMaterial): SecureContextOptions => ({
  cert: identity.cert,
  key: identity.key,
  ...(clientCa?.ca ? { ca: clientCa.ca } : {}),
});

/**
 * HTTPS from `tls` (PEM files, re-read every `reloadIntervalMs`; a client CA makes every client
 * present a certificate it signed), or undefined for plain HTTP when no certificate is set.
 */
export async function httpsListener(
  tls: ServerTlsSettings,
  logger: StructuredLogger,
): Promise<HttpsListener | undefined> {
  if (!tlsEnabled(tls)) return undefined;
  const listeners: Array<(options: SecureContextOptions) => void> = [];
  const onRejected = (message: string) => logger.error({}, `HTTPS certificate not reloaded: ${message}`);
  let clientCa: CertificateFiles | undefined;
  const identity = await CertificateFiles.load(
    { certFile: tls.certFile, keyFile: tls.keyFile },
    {
      intervalMs: tls.reloadIntervalMs,
      onRejected,
      onChanged: (material) => listeners.forEach((apply) => apply(contextOf(material, clientCa?.current))),
    },
  );
  if (tls.clientCaFile)
    clientCa = await CertificateFiles.load(
      { caFile: tls.clientCaFile },
      {
        intervalMs: tls.reloadIntervalMs,
        onRejected,
        onChanged: (material) => listeners.forEach((apply) => apply(contextOf(identity.current, material))),
      },
    );
  return {
    options: {
      ...contextOf(identity.current, clientCa?.current),
      minVersion: 'TLSv1.2',
      requestCert: clientCa !== undefined,
      rejectUnauthorized: clientCa !== undefined,
    },
    onChanged: (apply) => listeners.push(apply),
    close: () => {
      identity.close();
      clientCa?.close();
    },
  };
}
