import { TestCertificateAuthority } from '@gatehouse/shared-testing';
import { connect } from 'node:http2';
import type { AddressInfo } from 'node:net';

import { createTrafficListener, TrafficListener } from './traffic-listener';

/** The HTTP/2 side of the traffic port, on real TLS over loopback. */
describe('traffic listener with HTTP/2', () => {
  let listener: TrafficListener;
  let ca: TestCertificateAuthority;

  beforeAll(async () => {
    ca = await TestCertificateAuthority.create();
    const identity = await ca.issue({ commonName: 'gateway', ipAddresses: ['127.0.0.1'] });
    listener = createTrafficListener(
      (_req, res) => res.end('ok'),
      (_req, socket) => socket.destroy(),
      { options: { cert: identity.cert, key: identity.key }, http2: true, idleTimeoutMs: 300 },
    );
    await new Promise<void>((resolve) => listener.server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    listener.closeAll();
    await new Promise((resolve) => listener.server.close(resolve));
  });

  it('closes a connection that sends nothing, as HTTP/1.1 does with idle keep-alives', async () => {
    const port = (listener.server.address() as AddressInfo).port;
    const session = connect(`https://127.0.0.1:${port}`, { ca: ca.cert });
    const t0 = Date.now();
    // A client holding connections open without a request must not hold the gateway's sockets for ever.
    const closedAfter = await new Promise<number>((resolve) =>
      session.once('close', () => resolve(Date.now() - t0)),
    );
    expect(closedAfter).toBeGreaterThanOrEqual(250);
    expect(closedAfter).toBeLessThan(5000);
  });
});
