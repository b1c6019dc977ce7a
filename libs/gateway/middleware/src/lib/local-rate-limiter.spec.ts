import { LocalRateLimiter } from './local-rate-limiter';

describe(LocalRateLimiter.name, () => {
  it('limits each scope on its own and forgets idle scopes when it sweeps', () => {
    let now = 0;
    const sut = new LocalRateLimiter(() => now, 1);
    expect(sut.check('a', 1, 10).allowed).toBe(true);
    expect(sut.check('a', 1, 10).allowed).toBe(false);
    expect(sut.check('b', 1, 10).allowed).toBe(true);
    now = 10_000;
    expect(sut.check('a', 1, 10).allowed).toBe(true);
  });
});
