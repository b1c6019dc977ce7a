import { TestCertificateAuthority, temporaryDirectory } from '@gatehouse/shared-testing';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CertificateFiles } from './certificate-files';

describe(CertificateFiles.name, () => {
  const dir = temporaryDirectory('gatehouse-certificate-files-');
  let ca: TestCertificateAuthority;
  let files: { certFile: string; keyFile: string };
  const watched: CertificateFiles[] = [];
  afterEach(() => watched.splice(0).forEach((one) => one.close()));

  beforeAll(async () => {
    ca = await TestCertificateAuthority.create();
    files = TestCertificateAuthority.writeFiles(dir, 'server', await ca.issue({ commonName: 'one' }));
  });

  const load = async (options: { onRejected?: (m: string) => void; onChanged?: () => void } = {}) => {
    const loaded = await CertificateFiles.load(files, { intervalMs: 3_600_000, ...options });
    watched.push(loaded);
    return loaded;
  };

  it('refuses to start on a key that does not match its certificate, naming the files', async () => {
    const other = TestCertificateAuthority.writeFiles(dir, 'other', await ca.issue({ commonName: 'x' }));
    await expect(
      CertificateFiles.load({ certFile: files.certFile, keyFile: other.keyFile }, { intervalMs: 1000 }),
    ).rejects.toThrow(`TLS files ${files.certFile}, ${other.keyFile}:`);
  });

  it('applies a renewed pair, and holds back a half-written one until it matches again', async () => {
    const rejected: string[] = [];
    let changes = 0;
    const certificate = await load({ onRejected: (m) => rejected.push(m), onChanged: () => changes++ });
    const first = certificate.current.cert?.toString();

    const renewed = await ca.issue({ commonName: 'two' });
    writeFileSync(files.certFile, renewed.cert); // the key still belongs to the old certificate
    await certificate.refresh();
    expect(certificate.current.cert?.toString()).toBe(first);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toContain('still using the previous files');
    await certificate.refresh();
    expect(rejected).toHaveLength(1); // told once per distinct problem

    writeFileSync(files.keyFile, renewed.key);
    await certificate.refresh();
    expect(certificate.current.cert?.toString()).toBe(renewed.cert);
    expect(changes).toBe(1);
  });

  it('keeps the last good files when one disappears (a Secret being remounted)', async () => {
    const rejected: string[] = [];
    const certificate = await load({ onRejected: (m) => rejected.push(m) });
    const before = certificate.current.cert?.toString();
    const saved = join(dir, 'saved.key');
    copyFileSync(files.keyFile, saved);
    writeFileSync(files.keyFile, '');
    await certificate.refresh();
    expect(certificate.current.cert?.toString()).toBe(before);
    expect(rejected[0]).toMatch(/still using the previous files/);
    copyFileSync(saved, files.keyFile);
  });
});
