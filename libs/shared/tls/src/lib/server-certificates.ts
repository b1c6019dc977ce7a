import { X509Certificate } from 'node:crypto';
import { createSecureContext, SecureContext, SecureContextOptions } from 'node:tls';

import { CertificateFiles, PemFiles, PemMaterial } from './certificate-files';

/** One certificate a TLS listener serves: for `domain` when given, else for the names it carries. */
export interface CertificateSource {
  files: Required<Pick<PemFiles, 'certFile' | 'keyFile'>>;
  domain?: string;
}

export interface ServerCertificatesOptions {
  intervalMs: number;
  /** Applied to every certificate's context: versions and cipher suites. */
  context: Pick<SecureContextOptions, 'minVersion' | 'maxVersion' | 'ciphers'>;
  onRejected: (message: string) => void;
}

/** The DNS names and common name a certificate is valid for (lower case). */
function namesOf(material: PemMaterial): string[] {
  if (!material.cert) return [];
  const certificate = new X509Certificate(material.cert);
  const dns = (certificate.subjectAltName ?? '')
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4));
  const commonName = /(?:^|\n)CN=([^\n]+)/.exec(certificate.subject)?.[1];
  return [...dns, ...(commonName ? [commonName] : [])].map((name) => name.toLowerCase());
}

/**
 * The certificates of an HTTPS listener, chosen by SNI as Go's crypto/tls does for Tyk: the exact host
 * name, then the wildcard one label up (`*.example.com`), else the first certificate. An explicit
 * `domain` wins over the names certificates carry. Each file pair is watched (see CertificateFiles).
 */
export class ServerCertificates {
  private byName = new Map<string, SecureContext>();
  private defaultListeners: Array<(options: SecureContextOptions) => void> = [];

  private constructor(
    private readonly sources: CertificateSource[],
    private readonly watched: CertificateFiles[],
    private readonly options: ServerCertificatesOptions,
  ) {
    this.index();
  }

  static async load(
    sources: CertificateSource[],
    options: ServerCertificatesOptions,
  ): Promise<ServerCertificates> {
    if (sources.length === 0) throw new Error('an HTTPS listener needs at least one certificate');
    // Changes are heard from the files' watchers, which must exist before the instance they report to.
    const created: { instance?: ServerCertificates } = {};
    const watched = await Promise.all(
      sources.map((source) =>
        CertificateFiles.load(source.files, {
          intervalMs: options.intervalMs,
          onRejected: options.onRejected,
          onChanged: () => created.instance?.changed(source),
        }),
      ),
    );
    created.instance = new ServerCertificates(sources, watched, options);
    return created.instance;
  }

  /** What the listener starts with: the first certificate, and SNI for the others. */
  get serverOptions(): SecureContextOptions & {
    SNICallback: (name: string, done: (error: Error | null, context?: SecureContext) => void) => void;
  } {
    return {
      ...this.defaultContextOptions(),
      SNICallback: (name, done) => done(null, this.contextFor(name)),
    };
  }

  /** Hears when the first certificate changes (a listener's default context is replaced with it). */
  onDefaultChanged(listener: (options: SecureContextOptions) => void): void {
    this.defaultListeners.push(listener);
  }

  /** The context for a host name; undefined keeps the listener's default (the first certificate). */
  contextFor(serverName: string): SecureContext | undefined {
    const name = serverName.toLowerCase();
    const exact = this.byName.get(name);
    if (exact) return exact;
    const dot = name.indexOf('.');
    return dot > 0 ? this.byName.get(`*${name.slice(dot)}`) : undefined;
  }

  close(): void {
    for (const files of this.watched) files.close();
  }

  private defaultContextOptions(): SecureContextOptions {
    const { cert, key } = this.watched[0].current;
    return { cert, key, ...this.options.context };
  }

  private changed(source: CertificateSource): void {
    this.index();
    if (source === this.sources[0])
      for (const listener of this.defaultListeners) listener(this.defaultContextOptions());
  }

  /** Rebuilt whole on any change: a renewed certificate may carry other names. */
  private index(): void {
    const byName = new Map<string, SecureContext>();
    const explicit: Array<[string, SecureContext]> = [];
    this.sources.forEach((source, at) => {
      const material = this.watched[at].current;
      const context = createSecureContext({
        cert: material.cert,
        key: material.key,
        ...this.options.context,
      });
      if (source.domain) explicit.push([source.domain.toLowerCase(), context]);
      else for (const name of namesOf(material)) if (!byName.has(name)) byName.set(name, context);
    });
    for (const [name, context] of explicit) byName.set(name, context);
    this.byName = byName;
  }
}
