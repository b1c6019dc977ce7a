import * as x509 from '@peculiar/x509';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;

/** A certificate and its private key, in PEM, with the certificate's SHA-256 fingerprint (hex). */
export interface IssuedCertificate {
  cert: string;
  key: string;
  fingerprint256: string;
}

export interface CertificateRequest {
  commonName: string;
  /** Host names the certificate is valid for (subjectAltName). */
  dnsNames?: string[];
  /** IP addresses the certificate is valid for (subjectAltName). */
  ipAddresses?: string[];
  /** A client certificate (clientAuth) instead of a server one (serverAuth). */
  client?: boolean;
  notBefore?: Date;
  notAfter?: Date;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

const serial = () =>
  randomBytes(8)
    .toString('hex')
    .replace(/^[89a-f]/, '1');
const fingerprintOf = (certificate: x509.X509Certificate) =>
  createHash('sha256').update(Buffer.from(certificate.rawData)).digest('hex');

/**
 * A certificate authority made at test time (no private key is ever committed): issues server and
 * client certificates signed by it, for TLS and mutual-TLS tests against real listeners.
 */
export class TestCertificateAuthority {
  private constructor(
    private readonly keys: CryptoKeyPair,
    private readonly certificate: x509.X509Certificate,
  ) {}

  static async create(commonName = 'Gatehouse test CA'): Promise<TestCertificateAuthority> {
    const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: `CN=${commonName}`,
      notBefore: new Date(Date.now() - DAY_MS),
      notAfter: new Date(Date.now() + 30 * DAY_MS),
      keys,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    return new TestCertificateAuthority(keys, certificate);
  }

  /** The CA's certificate (PEM), for trust stores and client-CA settings. */
  get cert(): string {
    return this.certificate.toString('pem');
  }

  async issue(request: CertificateRequest): Promise<IssuedCertificate> {
    const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const names = [
      ...(request.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
      ...(request.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
    ];
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: `CN=${request.commonName}`,
      issuer: this.certificate.subject,
      notBefore: request.notBefore ?? new Date(Date.now() - DAY_MS),
      notAfter: request.notAfter ?? new Date(Date.now() + 30 * DAY_MS),
      publicKey: keys.publicKey,
      signingKey: this.keys.privateKey,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([
          request.client ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.serverAuth,
        ]),
        ...(names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names)] : []),
      ],
    });
    return {
      cert: certificate.toString('pem'),
      key: await privateKeyPem(keys.privateKey),
      fingerprint256: fingerprintOf(certificate),
    };
  }

  /** Writes `issued` as `<name>.crt` and `<name>.key` in `dir`; answers their paths. */
  static writeFiles(dir: string, name: string, issued: Pick<IssuedCertificate, 'cert' | 'key'>) {
    const certFile = join(dir, `${name}.crt`);
    const keyFile = join(dir, `${name}.key`);
    writeFileSync(certFile, issued.cert);
    writeFileSync(keyFile, issued.key, { mode: 0o600 });
    return { certFile, keyFile };
  }

  /** Writes the CA's certificate as `<name>.crt` in `dir`; answers its path. */
  writeCertFile(dir: string, name = 'ca'): string {
    const file = join(dir, `${name}.crt`);
    writeFileSync(file, this.cert);
    return file;
  }
}
