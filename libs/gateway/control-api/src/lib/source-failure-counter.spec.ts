import { SourceFailureCounter } from './source-failure-counter';

describe(SourceFailureCounter.name, () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => (now = 1_000_000));

  it('blocks a source once it used up its failures, and only until its window ends', () => {
    const sut = new SourceFailureCounter({ limit: 3, windowMs: 60_000, maxSources: 100 }, clock);
    for (let index = 0; index < 3; index++) {
      expect(sut.blocked('a')).toBe(false);
      sut.failed('a');
    }
    expect(sut.blocked('a')).toBe(true);
    expect(sut.blocked('b')).toBe(false);
    now += 60_000;
    expect(sut.blocked('a')).toBe(false);
    sut.failed('a');
    expect(sut.blocked('a')).toBe(false);
  });

  it('remembers at most maxSources, dropping expired windows first and then the oldest', () => {
    const sut = new SourceFailureCounter({ limit: 1, windowMs: 60_000, maxSources: 3 }, clock);
    sut.failed('old');
    now += 30_000;
    sut.failed('a');
    sut.failed('b');
    expect(sut.size).toBe(3);
    now += 30_000; // 'old' has expired, 'a' and 'b' have not
    sut.failed('c');
    expect(sut.size).toBe(3);
    expect(['a', 'b', 'c'].every((source) => sut.blocked(source))).toBe(true);
    sut.failed('d'); // full of live windows: the oldest ('a') goes
    expect(sut.size).toBe(3);
    expect(sut.blocked('a')).toBe(false);
    expect(['b', 'c', 'd'].every((source) => sut.blocked(source))).toBe(true);
  });

  it('stays bounded under a flood of distinct sources', () => {
    const sut = new SourceFailureCounter({ limit: 10, windowMs: 60_000, maxSources: 1000 }, clock);
    for (let index = 0; index < 100_000; index++)
      sut.failed(`10.${index >> 16}.${(index >> 8) & 255}.${index & 255}`);
    expect(sut.size).toBe(1000);
  });
});
