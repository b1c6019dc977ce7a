import pino from 'pino';

import { installGracefulShutdown } from './graceful-shutdown';

const logger = pino({ level: 'silent' });

describe(installGracefulShutdown.name, () => {
  it('closes and exits 0', async () => {
    const exits: number[] = [];
    const close = jest.fn(async () => undefined);
    const sut = installGracefulShutdown({
      logger,
      timeoutMs: 1000,
      close,
      signals: [],
      exit: (code) => exits.push(code),
    });
    await sut('SIGTERM');
    expect(close).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when closing fails', async () => {
    const exits: number[] = [];
    const sut = installGracefulShutdown({
      logger,
      timeoutMs: 1000,
      close: async () => Promise.reject(new Error('drain failed')),
      signals: [],
      exit: (code) => exits.push(code),
    });
    await sut('SIGTERM');
    expect(exits).toEqual([1]);
  });

  it('exits 1 when closing outlasts the timeout', async () => {
    const exits: number[] = [];
    const sut = installGracefulShutdown({
      logger,
      timeoutMs: 20,
      close: () => new Promise(() => undefined),
      signals: [],
      exit: (code) => exits.push(code),
    });
    void sut('SIGTERM');
    await new Promise<void>((resolve) => {
      const check = () => (exits.length > 0 ? resolve() : setImmediate(check));
      check();
    });
    expect(exits).toEqual([1]);
  });

  it('forces exit on a second signal', async () => {
    const exits: number[] = [];
    const sut = installGracefulShutdown({
      logger,
      timeoutMs: 10_000,
      close: () => new Promise(() => undefined),
      signals: [],
      exit: (code) => exits.push(code),
    });
    void sut('SIGTERM');
    await sut('SIGINT');
    expect(exits).toEqual([1]);
  });
});
