import { TokenBuckets } from './token-buckets';

describe(TokenBuckets.name, () => {
  let now: number;
  let sut: TokenBuckets;

  beforeEach(() => {
    now = 1_000_000;
    sut = new TokenBuckets({ perSecond: 10, burst: 5 }, () => now, 3);
  });

  it('allows a burst, then refuses and says when the next call would pass', () => {
    for (let i = 0; i < 5; i++) expect(sut.take('a').allowed).toBe(true);
    const refused = sut.take('a');
    expect(refused).toEqual({ allowed: false, retryAfterMs: 100 });
    now += 100;
    expect(sut.take('a').allowed).toBe(true);
  });

  it('keeps keys apart: one key exhausted leaves another full', () => {
    for (let i = 0; i < 5; i++) sut.take('flood');
    expect(sut.take('flood').allowed).toBe(false);
    expect(sut.take('quiet').allowed).toBe(true);
  });

  it('holds the sustained rate over time', () => {
    let allowed = 0;
    for (let ms = 0; ms < 10_000; ms += 10) {
      now += 10;
      if (sut.take('a').allowed) allowed++;
    }
    // 10 a second for 10 s, plus the initial burst.
    expect(allowed).toBeGreaterThanOrEqual(100);
    expect(allowed).toBeLessThanOrEqual(106);
  });

  it('charges a cost in tokens, and refuses without charging', () => {
    expect(sut.take('a', 4).allowed).toBe(true);
    expect(sut.take('a', 2).allowed).toBe(false);
    expect(sut.take('a', 1).allowed).toBe(true);
  });

  it('forgets the least recently used keys past maxKeys (they come back full)', () => {
    for (let i = 0; i < 5; i++) sut.take('old');
    sut.take('b');
    sut.take('c');
    sut.take('d');
    expect(sut.take('old').allowed).toBe(true);
  });
});
