import {
  freePort,
  IssuedCertificate,
  temporaryDirectory,
  TestCertificateAuthority,
  waitFor,
} from '@gatehouse/shared-testing';
import { writeFileSync } from 'node:fs';
import { connect as http2Connect } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';

import { Harness, startHarness } from './gateway.spec-helper';

const RELOAD_MS = 200;

/** Tyk's `http_server_options` TLS: HTTPS with SNI, HTTP/2 by ALPN, versions, renewed certificates. */
describe('gateway traffic port over HTTPS (real TLS over loopback)', () => {
  const dir = temporaryDirectory('gatehouse-gw-https-');
  let ca: TestCertificateAuthority;
  let harness: Harness;
  let port: number;
  let aFiles: { certFile: string; keyFile: string };
  const fingerprints: Record<string, string> = {};
  let allowedClient: IssuedCertificate;

  beforeAll(async () => {
    ca = await TestCertificateAuthority.create();
    const a = await ca.issue({ commonName: 'a.test', dnsNames: ['a.test'] });
    const b = await ca.issue({ commonName: 'b.test', dnsNames: ['b.test', '*.b.test'] });
    Object.assign(fingerprints, { a: a.fingerprint256, b: b.fingerprint256 });
    aFiles = TestCertificateAuthority.writeFiles(dir, 'a', a);
    // Tyk's ssl_certificates form: one file with the key and the certificate.
    const combined = join(dir, 'b.pem');
    writeFileSync(combined, b.key + b.cert);
    allowedClient = await ca.issue({ commonName: 'partner', client: true });
    harness = await startHarness(
      (upstream) => [
        {
          api_id: 'echo',
          active: true,
          use_keyless: true,
          proxy: { listen_path: '/echo/', target_url: upstream, strip_listen_path: true },
        },
        mutualTlsApi(upstream, [allowedClient.fingerprint256]),
      ],
      {
        http_server_options: {
          use_ssl: true,
          enable_http2: true,
          min_version: 772,
          certificates: [{ domain_name: '', cert_file: aFiles.certFile, key_file: aFiles.keyFile }],
          ssl_certificates: [combined],
          tls_reload_interval_ms: RELOAD_MS,
        },
      },
    );
    port = Number(new URL(harness.gateway.proxyUrl).port);
    expect(harness.gateway.proxyUrl).toMatch(/^https:/);
  });

  afterAll(() => harness?.stop());

  /** GET `path` over HTTP/1.1 with `client` as the client certificate (chain: leaf first). */
  function getWith(path: string, client?: { cert: string; key: string }, to = port) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest(
        { host: '127.0.0.1', port: to, path, servername: 'a.test', ca: ca.cert, agent: false, ...client },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  /** The certificate a new TLS connection asking for `servername` is given, and the protocol agreed. */
  function handshake(servername: string, extra: { maxVersion?: 'TLSv1.2'; ALPNProtocols?: string[] } = {}) {
    return new Promise<{ fingerprint: string; protocol: string | false | null }>((resolve, reject) => {
      // The certificate is what is compared, not its names: a name it does not carry is a case here.
      const options = {
        host: '127.0.0.1',
        port,
        servername,
        ca: ca.cert,
        checkServerIdentity: () => undefined,
      };
      const socket = tlsConnect({ ...options, ...extra }, () => {
        const fingerprint = socket.getPeerCertificate().fingerprint256.replace(/:/g, '').toLowerCase();
        const protocol = socket.alpnProtocol;
        socket.destroy();
        resolve({ fingerprint, protocol });
      });
      socket.on('error', reject);
    });
  }

  it('chooses the certificate by SNI: exact name, wildcard, else the first', async () => {
    expect((await handshake('a.test')).fingerprint).toBe(fingerprints['a']);
    expect((await handshake('b.test')).fingerprint).toBe(fingerprints['b']);
    expect((await handshake('api.b.test')).fingerprint).toBe(fingerprints['b']);
    expect((await handshake('unknown.test')).fingerprint).toBe(fingerprints['a']);
  });

  it('serves HTTP/2 to clients that offer it and HTTP/1.1 to the others, on one port', async () => {
    expect((await handshake('a.test', { ALPNProtocols: ['h2', 'http/1.1'] })).protocol).toBe('h2');
    expect((await handshake('a.test', { ALPNProtocols: ['http/1.1'] })).protocol).toBe('http/1.1');

    const session = http2Connect(`https://a.test:${port}`, {
      ca: ca.cert,
      host: '127.0.0.1',
      servername: 'a.test',
    });
    try {
      const answer = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
        (resolve, reject) => {
          const stream = session.request({
            ':method': 'POST',
            ':path': '/echo/h2?x=1',
            'content-type': 'text/plain',
          });
          let headers: Record<string, unknown> = {};
          let body = '';
          stream.on('response', (received) => (headers = received));
          stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
          stream.on('end', () => resolve({ status: Number(headers[':status']), headers, body }));
          stream.on('error', reject);
          stream.end('sent over h2');
        },
      );
      expect(answer.status).toBe(200);
      const upstream = JSON.parse(answer.body) as {
        path: string;
        method: string;
        headers: Record<string, string>;
      };
      expect(upstream).toMatchObject({ path: '/h2?x=1', method: 'POST' });
      // The upstream got an HTTP/1.1 request: a Host header, no pseudo-headers.
      expect(upstream.headers['host']).toBeDefined();
      expect(Object.keys(upstream.headers).filter((name) => name.startsWith(':'))).toEqual([]);
      expect(answer.headers['connection']).toBeUndefined();
    } finally {
      session.close();
    }

    const http1 = await new Promise<number>((resolve, reject) => {
      const req = httpsRequest(
        { host: '127.0.0.1', port, path: '/echo/h1', servername: 'a.test', ca: ca.cert, agent: false },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(http1).toBe(200);
  });

  it('refuses TLS versions below min_version (772: TLS 1.3 only)', async () => {
    await expect(handshake('a.test', { maxVersion: 'TLSv1.2' })).rejects.toThrow(/protocol version|alert/i);
  });

  it('serves a renewed certificate to new connections without a restart', async () => {
    const renewed = await ca.issue({ commonName: 'a.test renewed', dnsNames: ['a.test'] });
    TestCertificateAuthority.writeFiles(dir, 'a', renewed);
    await waitFor(async () => (await handshake('a.test')).fingerprint === renewed.fingerprint256, {
      description: 'the renewed certificate to be served by SNI',
      timeoutMs: 10_000,
      intervalMs: 100,
    });
    // Also as the default certificate, for clients that send no SNI (or an unknown name).
    await waitFor(async () => (await handshake('unknown.test')).fingerprint === renewed.fingerprint256, {
      description: 'the renewed certificate to be served by default',
      timeoutMs: 10_000,
      intervalMs: 100,
    });
  });

  it('serves the Gateway API on a port of its own over TLS too, as Tyk does', async () => {
    const own = await startHarness(() => [], {
      control_api_port: await freePort(),
      http_server_options: {
        use_ssl: true,
        certificates: [{ cert_file: aFiles.certFile, key_file: aFiles.keyFile }],
      },
    });
    extraHarnesses.push(own);
    const control = new URL(own.gateway.controlUrl);
    expect(control.protocol).toBe('https:');
    expect(await getWith('/hello', undefined, Number(control.port))).toMatchObject({ status: 200 });
    // Keys travel through this API: plain HTTP gets nothing from it.
    await expect(fetch(`http://127.0.0.1:${control.port}/hello`)).rejects.toThrow();
  });

  describe("an API with Tyk's use_mutual_tls_auth", () => {
    it('serves a client whose certificate is on the allow-list', async () => {
      expect(await getWith('/mtls/ok', allowedClient)).toMatchObject({ status: 200 });
    });

    it("answers Tyk's 403s: no certificate, one not allowed, one expired", async () => {
      expect(await getWith('/mtls/x')).toEqual({
        status: 403,
        body: expect.stringContaining('Client TLS certificate is required'),
      });
      const stranger = await ca.issue({ commonName: 'stranger', client: true });
      expect(await getWith('/mtls/x', stranger)).toEqual({
        status: 403,
        body: expect.stringContaining(`Certificate with SHA256 ${stranger.fingerprint256} not allowed`),
      });
      const expired = await ca.issue({
        commonName: 'partner',
        client: true,
        notBefore: new Date(Date.now() - 3 * 86_400_000),
        notAfter: new Date(Date.now() - 86_400_000),
      });
      // A gateway of its own that allows the expired certificate: it is refused for its date alone.
      const expiringPort = await startMutualTlsGateway([expired.fingerprint256]);
      expect(await getWith('/mtls/x', expired, expiringPort)).toEqual({
        status: 403,
        body: expect.stringContaining('Certificate has expired'),
      });
    });

    it('counts only the certificate the client proved it holds, not one it merely sends along', async () => {
      // The allowed certificate is public: an attacker can send it after a leaf of their own.
      const attacker = await ca.issue({ commonName: 'attacker', client: true });
      const answer = await getWith('/mtls/x', {
        cert: `${attacker.cert}\n${allowedClient.cert}`,
        key: attacker.key,
      });
      expect(answer.status).toBe(403);
      expect(answer.body).toContain(`Certificate with SHA256 ${attacker.fingerprint256} not allowed`);
    });

    it('refuses it on a gateway serving plain HTTP (TLS not enabled)', async () => {
      const plain = await startHarness((upstream) => [
        mutualTlsApi(upstream, [allowedClient.fingerprint256]),
      ]);
      extraHarnesses.push(plain);
      const response = await fetch(`${plain.gateway.proxyUrl}/mtls/x`);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('TLS not enabled');
    });

    it('checks the certificate on HTTP/2 too', async () => {
      const status = async (client?: IssuedCertificate) => {
        const session = http2Connect(`https://a.test:${port}`, {
          ca: ca.cert,
          host: '127.0.0.1',
          servername: 'a.test',
          ...(client ? { cert: client.cert, key: client.key } : {}),
        });
        try {
          return await new Promise<number>((resolve, reject) => {
            const stream = session.request({ ':path': '/mtls/h2' });
            stream.on('response', (headers) => resolve(Number(headers[':status'])));
            stream.on('error', reject);
            stream.resume();
          });
        } finally {
          session.close();
        }
      };
      expect(await status(allowedClient)).toBe(200);
      expect(await status()).toBe(403);
    });
  });

  /** A gateway of its own allowing `fingerprints` on /mtls/; answers its port. */
  async function startMutualTlsGateway(fingerprints: string[]): Promise<number> {
    const own = await startHarness((upstream) => [mutualTlsApi(upstream, fingerprints)], {
      http_server_options: {
        use_ssl: true,
        certificates: [{ cert_file: aFiles.certFile, key_file: aFiles.keyFile }],
      },
    });
    extraHarnesses.push(own);
    return Number(new URL(own.gateway.proxyUrl).port);
  }
});

const extraHarnesses: Harness[] = [];
afterAll(() => Promise.all(extraHarnesses.map((harness) => harness.stop())));

function mutualTlsApi(upstream: string, fingerprints: string[]) {
  return {
    api_id: 'mtls',
    active: true,
    use_keyless: true,
    use_mutual_tls_auth: true,
    client_certificates: fingerprints,
    proxy: { listen_path: '/mtls/', target_url: upstream, strip_listen_path: true },
  };
}
