import { reject, RequestContext, Stage, StageResult, TYK_ERRORS } from '@gatehouse/gateway-core';
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';

const fingerprintOf = (raw: Buffer) => createHash('sha256').update(raw).digest('hex');

/**
 * Tyk's mutual TLS for an API (`use_mutual_tls_auth`): the client's certificate must be one the API
 * allows, by SHA-256 fingerprint, and not expired. Only the leaf counts: the listener requests a
 * certificate without verifying its chain, so a certificate the client merely sends along (an
 * intermediate) proves nothing; the TLS handshake did prove the client holds the leaf's private key.
 */
export class ClientCertificateStage implements Stage {
  readonly name = 'client-certificate';

  constructor(
    private readonly allowed: ReadonlySet<string>,
    private readonly now: () => number = Date.now,
  ) {}

  run(ctx: RequestContext): StageResult {
    const socket = ctx.req.socket as Partial<TLSSocket>;
    if (!socket.encrypted || typeof socket.getPeerCertificate !== 'function')
      return reject(TYK_ERRORS.tlsNotEnabled);
    const certificate = socket.getPeerCertificate();
    if (!certificate?.raw) return reject(TYK_ERRORS.clientCertificateRequired);
    const fingerprint = fingerprintOf(certificate.raw);
    if (!this.allowed.has(fingerprint))
      return reject({ status: 403, message: `Certificate with SHA256 ${fingerprint} not allowed` });
    if (Date.parse(certificate.valid_to) < this.now()) return reject(TYK_ERRORS.clientCertificateExpired);
    return undefined;
  }
}
