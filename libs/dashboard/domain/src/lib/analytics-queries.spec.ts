import { breakdownQuerySchema, requestSeriesQuerySchema } from './analytics-queries';

const HOUR = 3_600_000;
const to = '2026-11-30T10:30:20Z';

describe('analytics query ranges', () => {
  it.each([
    // The first bucket is the one `from` falls in: 61 minutes, 25 hours.
    ['minute', '2026-11-30T09:30:00.000Z'],
    ['hour', '2026-11-29T10:00:00.000Z'],
  ] as const)('default `from` for granularity=%s fits it', (granularity, from) => {
    const sut = requestSeriesQuerySchema.parse({ granularity, to });
    expect({ from: sut.from.toISOString(), to: sut.to.toISOString() }).toEqual({
      from,
      to: '2026-11-30T10:30:20.000Z',
    });
  });

  it('defaults to hours over the last 24 hours ending now', () => {
    const before = Date.now();
    const sut = requestSeriesQuerySchema.parse({});
    expect(sut.granularity).toBe('hour');
    expect(sut.to.getTime()).toBeGreaterThanOrEqual(before);
    expect(sut.to.getTime() - sut.from.getTime()).toBeGreaterThanOrEqual(24 * HOUR);
    expect(sut.to.getTime() - sut.from.getTime()).toBeLessThan(25 * HOUR);
  });

  it('defaults a minute breakdown to the last hour too', () => {
    const sut = breakdownQuerySchema.parse({ granularity: 'minute', to });
    expect(sut.from.toISOString()).toBe('2026-11-30T09:30:00.000Z');
  });

  it('keeps an explicit `from`', () => {
    const sut = requestSeriesQuerySchema.parse({ granularity: 'minute', from: '2026-11-30T00:00:00Z', to });
    expect(sut.from.toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });
});
