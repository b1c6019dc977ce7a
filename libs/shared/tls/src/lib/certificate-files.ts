import { createHash, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';

/** Where a TLS identity is read from: PEM files, as Kubernetes and compose mount Secrets. */
export interface PemFiles {
  /** The certificate chain (leaf first). Empty with `caFile` alone: a trust store only. */
  certFile?: string;
  keyFile?: string;
  /** CA certificates to trust: clients' (a server doing mutual TLS) or a server's (a client). */
  caFile?: string;
}

/** What the files held when last read successfully. */
export interface PemMaterial {
  cert?: Buffer;
  key?: Buffer;
  ca?: Buffer;
}

export interface CertificateFilesOptions {
  /** How often the files are read again (ms); a change is applied to new connections. */
  intervalMs: number;
  /** A change that cannot be used (a key that does not match, a half-written file): kept out, told once. */
  onRejected?: (message: string) => void;
  onChanged?: (material: PemMaterial) => void;
}

async function readAll(files: PemFiles): Promise<PemMaterial> {
  const read = (file?: string) => (file ? readFile(file) : Promise.resolve(undefined));
  const [cert, key, ca] = await Promise.all([read(files.certFile), read(files.keyFile), read(files.caFile)]);
  return { cert, key, ca };
}

/** Throws, naming the problem, unless `material` makes a usable TLS context (a key matching its certificate). */
function check(material: PemMaterial, files: PemFiles): void {
  if (material.ca) new X509Certificate(material.ca);
  if (material.cert || material.key)
    createSecureContext({ cert: material.cert, key: material.key, ca: material.ca });
  else if (!material.ca) throw new Error(`no certificate or CA file given (${JSON.stringify(files)})`);
}

const digest = (material: PemMaterial) =>
  createHash('sha256')
    .update(material.cert ?? '')
    .update('\0')
    .update(material.key ?? '')
    .update('\0')
    .update(material.ca ?? '')
    .digest('hex');

/**
 * A TLS identity kept current from its PEM files: read and checked at start (a bad file fails the start,
 * naming it), then re-read every `intervalMs`. A change is applied only once the files make a usable
 * pair again, so a rotation that writes the certificate before its key never leaves a listener without
 * one: until then the previous identity keeps serving.
 */
export class CertificateFiles {
  private timer?: NodeJS.Timeout;
  private lastRejected?: string;

  private constructor(
    readonly files: PemFiles,
    private material: PemMaterial,
    private version: string,
    private readonly options: CertificateFilesOptions,
  ) {}

  static async load(files: PemFiles, options: CertificateFilesOptions): Promise<CertificateFiles> {
    let material: PemMaterial;
    try {
      material = await readAll(files);
      check(material, files);
    } catch (error) {
      const named = [files.certFile, files.keyFile, files.caFile].filter(Boolean).join(', ');
      throw new Error(`TLS files ${named}: ${(error as Error).message}`);
    }
    const watched = new CertificateFiles(files, material, digest(material), options);
    watched.timer = setInterval(() => void watched.refresh(), options.intervalMs);
    watched.timer.unref();
    return watched;
  }

  get current(): PemMaterial {
    return this.material;
  }

  /** Reads the files again now; resolves once a change (if any) has been applied or refused. */
  async refresh(): Promise<void> {
    let material: PemMaterial;
    try {
      material = await readAll(this.files);
    } catch (error) {
      return this.reject(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const version = digest(material);
    if (version === this.version) return;
    try {
      check(material, this.files);
    } catch (error) {
      return this.reject((error as Error).message);
    }
    this.material = material;
    this.version = version;
    this.lastRejected = undefined;
    this.options.onChanged?.(material);
  }

  close(): void {
    clearInterval(this.timer);
  }

  private reject(message: string): void {
    if (message === this.lastRejected) return;
    this.lastRejected = message;
    this.options.onRejected?.(
      `${this.files.certFile ?? this.files.caFile}: ${message}; still using the previous files`,
    );
  }
}
