import { z } from 'zod';

/**
 * A TLS server identity from PEM files (mounted Secrets): a certificate chain and its private key, and
 * with `clientCaFile` the CA whose certificates clients must present (mutual TLS). The files are read
 * again every `reloadIntervalMs`: new connections use a renewed certificate, open ones keep theirs.
 * TLS 1.2 is the oldest version offered (Node's floor).
 */
export const serverTlsSchema = z
  .object({
    certFile: z.string().default(''),
    keyFile: z.string().default(''),
    clientCaFile: z.string().default(''),
    reloadIntervalMs: z.number().int().min(100).max(3_600_000).default(10_000),
  })
  .prefault({})
  .superRefine((tls, context) => {
    if (Boolean(tls.certFile) !== Boolean(tls.keyFile))
      context.addIssue({
        code: 'custom',
        path: [tls.certFile ? 'keyFile' : 'certFile'],
        message: 'set certFile and keyFile together (the certificate chain and its private key)',
      });
    if (tls.clientCaFile && !tls.certFile)
      context.addIssue({
        code: 'custom',
        path: ['certFile'],
        message: 'clientCaFile (mutual TLS) needs the server certificate too: set certFile and keyFile',
      });
  });

export type ServerTlsSettings = z.output<typeof serverTlsSchema>;

/** Whether a listener serves TLS. */
export const tlsEnabled = (tls: Pick<ServerTlsSettings, 'certFile'>): boolean => tls.certFile !== '';

/** An HTTP listener that serves HTTPS when `tls.certFile` is set. */
export const httpsListenSchema = (defaultPort: number) =>
  z
    .object({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(defaultPort),
      tls: serverTlsSchema,
    })
    .prefault({});
