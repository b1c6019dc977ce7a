import { TestCertificateAuthority, temporaryDirectory } from '@gatehouse/shared-testing';
import { createServer, Server } from 'node:https';
import type { AddressInfo } from 'node:net';

import { Harness, startHarness } from './gateway.spec-helper';

/** Tyk's `proxy_ssl_*`: upstream certificates are checked, against the system's roots or a private CA. */
describe('gateway to an https upstream (real TLS over loopback)', () => {
  const dir = temporaryDirectory('gatehouse-gw-upstream-tls-');
  let upstream: Server;
  let upstreamUrl: string;
  let caFile: string;
  let identity: { cert: string; key: string };
  const harnesses: Harness[] = [];

  beforeAll(async () => {
    const ca = await TestCertificateAuthority.create('Private upstream CA');
    caFile = ca.writeCertFile(dir);
    identity = await ca.issue({ commonName: 'upstream', ipAddresses: ['127.0.0.1'] });
    upstream = createServer({ ...identity }, (req, res) => res.end(`tls upstream saw ${req.url}`));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `https://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await Promise.all(harnesses.map((harness) => harness.stop()));
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  });

  async function gatewayWith(settings: Record<string, unknown>): Promise<string> {
    const harness = await startHarness(
      () => [
        {
          api_id: 'secure',
          active: true,
          use_keyless: true,
          proxy: { listen_path: '/secure/', target_url: upstreamUrl, strip_listen_path: true },
        },
      ],
      settings,
    );
    harnesses.push(harness);
    return harness.gateway.proxyUrl;
  }

  it('refuses an upstream whose certificate no trusted CA signed', async () => {
    const response = await fetch(`${await gatewayWith({})}/secure/x`);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('There was a problem proxying the request');
  });

  it('trusts a private CA named by proxy_ssl_ca_file, and TLS 1.3 only when told', async () => {
    const base = await gatewayWith({ proxy_ssl_ca_file: caFile, proxy_ssl_min_version: 772 });
    const response = await fetch(`${base}/secure/x`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('tls upstream saw /x');
  });

  it('skips the check only with proxy_ssl_insecure_skip_verify', async () => {
    const response = await fetch(`${await gatewayWith({ proxy_ssl_insecure_skip_verify: true })}/secure/y`);
    expect(response.status).toBe(200);
  });

  it('cannot reach an upstream that offers only versions above proxy_ssl_max_version', async () => {
    const base = await gatewayWith({ proxy_ssl_ca_file: caFile, proxy_ssl_max_version: 771 });
    upstream.setSecureContext({ cert: identity.cert, key: identity.key, minVersion: 'TLSv1.3' });
    try {
      expect((await fetch(`${base}/secure/z`)).status).toBe(500);
    } finally {
      upstream.setSecureContext({ cert: identity.cert, key: identity.key });
    }
  });
});
