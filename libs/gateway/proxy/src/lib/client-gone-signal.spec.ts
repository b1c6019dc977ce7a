import { ClientGoneSignal } from './client-gone-signal';

describe(ClientGoneSignal.name, () => {
  it('calls the listener undici registered once, and not after it was removed', () => {
    const sut = new ClientGoneSignal();
    let calls = 0;
    const listener = () => calls++;
    sut.once('abort', listener);
    sut.abort();
    sut.abort();
    expect(calls).toBe(1);
    expect(sut.aborted).toBe(true);

    const other = new ClientGoneSignal();
    other.on('abort', listener);
    other.removeListener('abort', listener);
    other.abort();
    expect(calls).toBe(1);
  });
});
