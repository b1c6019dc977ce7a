import { FailureCounter } from './failure-counter';

describe(FailureCounter.name, () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => (now = 1_000_000));

  it('blocks a source once it used up its failures, and only until its window ends', () => {
    const sut = new FailureCounter({ limit: 3, windowMs: 60_000, maxSources: 100 }, clock);
    for (let index = 0; index < 3; index++) {
      expect(sut.blockedForMs('a')).toBe(0);
      sut.failed('a');
    }
    expect(sut.blockedForMs('a')).toBe(60_000);
    expect(sut.blockedForMs('b')).toBe(0);
    now += 45_000;
    expect(sut.blockedForMs('a')).toBe(15_000);
    now += 15_000;
    expect(sut.blockedForMs('a')).toBe(0);
    sut.failed('a');
    expect(sut.blockedForMs('a')).toBe(0);
  });

  it('remembers at most maxSources, dropping expired windows first and then the oldest', () => {
    const sut = new FailureCounter({ limit: 1, windowMs: 60_000, maxSources: 3 }, clock);
    const blocked = (source: string) => sut.blockedForMs(source) > 0;
    sut.failed('old');
    now += 30_000;
    sut.failed('a');
    sut.failed('b');
    expect(sut.size).toBe(3);
    now += 30_000; // 'old' has expired, 'a' and 'b' have not
    sut.failed('c');
    expect(sut.size).toBe(3);
    expect(['a', 'b', 'c'].every(blocked)).toBe(true);
    sut.failed('d'); // full of live windows: the oldest ('a') goes
    expect(sut.size).toBe(3);
    expect(blocked('a')).toBe(false);
    expect(['b', 'c', 'd'].every(blocked)).toBe(true);
  });

  it('stays bounded under a flood of distinct sources', () => {
    const sut = new FailureCounter({ limit: 10, windowMs: 60_000, maxSources: 1000 }, clock);
    for (let index = 0; index < 100_000; index++)
      sut.failed(`10.${index >> 16}.${(index >> 8) & 255}.${index & 255}`);
    expect(sut.size).toBe(1000);
  });
});
