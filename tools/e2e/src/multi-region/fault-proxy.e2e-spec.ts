import { createServer, Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';

import { FaultProxy } from './fault-proxy';

/** Sends `line` through `address` and resolves with the echo, or rejects when the link fails. */
function roundTrip(address: string, line: string): Promise<string> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host, () => socket.write(line));
    socket.once('data', (data) => {
      resolve(data.toString());
      socket.destroy();
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed')));
  });
}

describe(FaultProxy.name, () => {
  let echo: Server;
  let proxy: FaultProxy;
  let address: string;

  beforeAll(async () => {
    echo = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    proxy = new FaultProxy('127.0.0.1', (echo.address() as AddressInfo).port);
    address = await proxy.start();
  });

  afterAll(async () => {
    await proxy.close();
    await new Promise((resolve) => echo.close(resolve));
  });

  it('forwards, cuts open connections and refuses new ones while partitioned, then forwards again', async () => {
    expect(await roundTrip(address, 'before')).toBe('before');
    const [host, port] = address.split(':');
    const open = connect(Number(port), host);
    await new Promise((resolve) => open.once('connect', resolve));
    const cut = new Promise((resolve) => open.once('close', resolve));
    proxy.partition();
    await cut;
    await expect(roundTrip(address, 'during')).rejects.toThrow();
    proxy.heal();
    expect(await roundTrip(address, 'after')).toBe('after');
  });
});
