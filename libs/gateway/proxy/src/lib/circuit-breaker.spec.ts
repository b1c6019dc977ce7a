import { CircuitBreaker } from './circuit-breaker';

describe(CircuitBreaker.name, () => {
  let now = 0;
  const settings = { thresholdPercent: 0.5, samples: 4, returnToServiceAfterMs: 1000 };

  beforeEach(() => (now = 0));

  it('opens after enough failures in the sample window', () => {
    const sut = new CircuitBreaker(settings, () => now);
    [true, false, true, false].forEach((ok) => sut.record(ok));
    expect(sut.current).toBe('open');
    expect(sut.allow()).toBe(false);
  });

  it('stays closed below the threshold and starts a fresh window', () => {
    const sut = new CircuitBreaker(settings, () => now);
    [true, true, true, false, false, false].forEach((ok) => sut.record(ok));
    expect(sut.current).toBe('closed');
  });

  it('lets one trial through after the cool-down, closing on success', () => {
    const sut = new CircuitBreaker(settings, () => now);
    [false, false, false, false].forEach((ok) => sut.record(ok));
    now = 1000;
    expect(sut.allow()).toBe(true);
    expect(sut.allow()).toBe(false);
    sut.record(true);
    expect(sut.current).toBe('closed');
    expect(sut.allow()).toBe(true);
  });

  it('re-opens when the trial fails', () => {
    const sut = new CircuitBreaker(settings, () => now);
    [false, false, false, false].forEach((ok) => sut.record(ok));
    now = 1500;
    expect(sut.allow()).toBe(true);
    sut.record(false);
    expect(sut.current).toBe('open');
    now = 2000;
    expect(sut.allow()).toBe(false);
  });
});
