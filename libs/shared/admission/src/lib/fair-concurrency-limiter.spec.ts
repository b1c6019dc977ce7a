import { TooManyRequestsError, UnavailableError } from '@gatehouse/shared-kernel';

import { ConcurrencyLimits, FairConcurrencyLimiter, Release } from './fair-concurrency-limiter';

const limits: ConcurrencyLimits = {
  perKey: 2,
  total: 3,
  queuedPerKey: 3,
  queuedTotal: 5,
  queueTimeoutMs: 60_000,
};

/** Lets every settled promise run its continuations. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(FairConcurrencyLimiter.name, () => {
  let sut: FairConcurrencyLimiter;
  const held: Release[] = [];

  beforeEach(() => {
    sut = new FairConcurrencyLimiter(limits, 'reads');
  });

  afterEach(() => {
    held.splice(0).forEach((release) => release());
  });

  const take = async (key: string) => held.push(await sut.acquire(key));

  it('runs up to perKey of one key and total of all keys at once', async () => {
    await take('a');
    await take('a');
    await take('b');
    expect(sut.load).toEqual({ running: 3, waiting: 0 });
    expect(sut.tryAcquire('c')).toBeUndefined();
    expect(sut.tryAcquire('a')).toBeUndefined();
  });

  it('gives a freed slot to the keys with waiters in turn, not to the longest queue', async () => {
    const releases: Record<string, Release[]> = { flood: [], other: [], quiet: [] };
    const order: string[] = [];
    const queue = (key: string) =>
      sut.acquire(key).then((release) => {
        order.push(key);
        releases[key].push(release);
      });
    await queue('flood');
    await queue('flood');
    await queue('other');
    order.length = 0;
    const waiting = [queue('flood'), queue('flood'), queue('flood'), queue('quiet')];
    expect(sut.load.waiting).toBe(4);
    // The other tenant's slot frees: the flood may not take it (its own two are busy), the quiet one does.
    releases['other'].shift()?.();
    await settle();
    expect(order).toEqual(['quiet']);
    // The flood's own slots go to its own waiters, one for one, in order.
    releases['flood'].shift()?.();
    releases['flood'].shift()?.();
    await settle();
    expect(order).toEqual(['quiet', 'flood', 'flood']);
    releases['flood'].shift()?.();
    await Promise.all(waiting);
    expect(order).toEqual(['quiet', 'flood', 'flood', 'flood']);
    Object.values(releases).forEach((list) => held.push(...list));
  });

  it("refuses a key's work past its queue with TooManyRequestsError, leaving other keys alone", async () => {
    await take('a');
    await take('a');
    await take('b');
    const queued = [sut.acquire('a'), sut.acquire('a'), sut.acquire('a')];
    await expect(sut.acquire('a')).rejects.toThrow(TooManyRequestsError);
    await expect(sut.acquire('a')).rejects.toThrow(/too many reads of a at once/);
    // Another key may still queue: the first key's backlog is its own.
    const other = sut.acquire('c');
    expect(sut.load.waiting).toBe(4);
    held.splice(0).forEach((release) => release());
    for (const waiter of [...queued, other]) (await waiter)();
    expect(sut.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses work past the total queue with UnavailableError', async () => {
    await take('a');
    await take('b');
    await take('c');
    const queued = ['a', 'a', 'b', 'b', 'c'].map((key) => sut.acquire(key));
    await expect(sut.acquire('d')).rejects.toThrow(UnavailableError);
    held.splice(0).forEach((release) => release());
    // Each release hands its slot on; release what was granted until every waiter has had one.
    for (const waiter of queued) (await waiter)();
  });

  it('refuses work that waited past the deadline, and forgets it', async () => {
    jest.useFakeTimers();
    try {
      await take('a');
      await take('a');
      const late = sut.acquire('a');
      jest.advanceTimersByTime(limits.queueTimeoutMs);
      await expect(late).rejects.toThrow(UnavailableError);
      await expect(late).rejects.toThrow(/within 60000 ms/);
      expect(sut.load.waiting).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('frees the slot when run() settles, whether the work succeeds or fails', async () => {
    await expect(sut.run('a', async () => 'done')).resolves.toBe('done');
    await expect(
      sut.run('a', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(sut.load).toEqual({ running: 0, waiting: 0 });
  });

  it('ignores a second release of the same slot', async () => {
    const release = await sut.acquire('a');
    release();
    release();
    expect(sut.load.running).toBe(0);
    await take('a');
    await take('a');
    expect(sut.tryAcquire('a')).toBeUndefined();
  });
});
