import { TestCertificateAuthority } from '@gatehouse/shared-testing';
import { connect } from 'node:http2';
import { AddressInfo, createConnection } from 'node:net';

import { createTrafficListener, TrafficListener } from './traffic-listener';

/** The HTTP/2 side of the traffic port, on real TLS over loopback. */
describe('traffic listener with HTTP/2', () => {
  let listener: TrafficListener;
  let ca: TestCertificateAuthority;
  const hostsSeen: string[] = [];
  const port = () => (listener.server.address() as AddressInfo).port;

  beforeAll(async () => {
    ca = await TestCertificateAuthority.create();
    const identity = await ca.issue({ commonName: 'gateway', ipAddresses: ['127.0.0.1'] });
    listener = createTrafficListener(
      (req, res) => {
        hostsSeen.push(req.headers.host ?? '');
        res.end('ok');
      },
      (_req, socket) => socket.destroy(),
      {
        options: { cert: identity.cert, key: identity.key },
        http2: true,
        idleTimeoutMs: 300,
        handshakeTimeoutMs: 300,
      },
    );
    await new Promise<void>((resolve) => listener.server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    listener.closeAll();
    await new Promise((resolve) => listener.server.close(resolve));
  });

  it('closes a connection that sends nothing, as HTTP/1.1 does with idle keep-alives', async () => {
    const session = connect(`https://127.0.0.1:${port()}`, { ca: ca.cert });
    const t0 = Date.now();
    // A client holding connections open without a request must not hold the gateway's sockets for ever.
    const closedAfter = await new Promise<number>((resolve) =>
      session.once('close', () => resolve(Date.now() - t0)),
    );
    expect(closedAfter).toBeGreaterThanOrEqual(250);
    expect(closedAfter).toBeLessThan(5000);
  });

  it('drops a connection that never completes its TLS handshake', async () => {
    const socket = createConnection(port(), '127.0.0.1');
    const t0 = Date.now();
    // Connected, then silent: without a handshake timeout Node holds it for 120 s.
    const closedAfter = await new Promise<number>((resolve) =>
      socket.once('close', () => resolve(Date.now() - t0)),
    );
    expect(closedAfter).toBeLessThan(5000);
  });

  it('refuses a request whose Host names another site than its :authority (RFC 9113 §8.3.1)', async () => {
    const session = connect(`https://127.0.0.1:${port()}`, { ca: ca.cert });
    const ask = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const stream = session.request({ ':path': '/', ...headers });
        stream.on('response', (answer) => resolve(Number(answer[':status'])));
        stream.on('error', reject);
        stream.resume();
      });
    try {
      hostsSeen.length = 0;
      // A front proxy that checked :authority must not see the gateway route by another Host.
      expect(await ask({ ':authority': 'public.example', host: 'internal.example' })).toBe(400);
      expect(hostsSeen).toEqual([]);
      expect(await ask({ ':authority': 'public.example' })).toBe(200);
      expect(await ask({ ':authority': 'public.example', host: 'PUBLIC.example' })).toBe(200);
      expect(hostsSeen).toEqual(['public.example', 'public.example']);
    } finally {
      session.close();
    }
  });
});
