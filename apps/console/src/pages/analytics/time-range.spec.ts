import { autoGranularity, fromLocalInput, resolveRange, toLocalInput } from './time-range';

const now = Date.parse('2026-12-07T10:30:20Z');

describe(resolveRange.name, () => {
  it('ends a preset at the next whole minute and picks minutes for short ranges', () => {
    expect(resolveRange({ range: '1h' }, now)).toEqual({
      from: new Date('2026-12-07T09:31:00Z'),
      to: new Date('2026-12-07T10:31:00Z'),
      granularity: 'minute',
    });
  });

  it('picks hours for a day or a week', () => {
    expect(resolveRange({ range: '24h' }, now)).toMatchObject({ granularity: 'hour' });
    expect(resolveRange({ range: '7d' }, now)).toMatchObject({
      from: new Date('2026-11-30T10:31:00Z'),
      granularity: 'hour',
    });
  });

  it('keeps the granularity the user chose over the automatic one', () => {
    expect(resolveRange({ range: '24h', granularity: 'minute' }, now)).toMatchObject({
      granularity: 'minute',
    });
  });

  it('takes a custom range as given', () => {
    const sut = resolveRange(
      { range: 'custom', from: '2026-12-01T00:00:00Z', to: '2026-12-03T00:00:00Z' },
      now,
    );
    expect(sut).toEqual({
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2026-12-03T00:00:00Z'),
      granularity: 'hour',
    });
  });

  it('says what is wrong with an incomplete or reversed custom range', () => {
    expect(resolveRange({ range: 'custom', from: '2026-12-01T00:00:00Z' }, now)).toEqual({
      error: 'Choose when the custom range starts and ends.',
    });
    expect(
      resolveRange({ range: 'custom', from: '2026-12-03T00:00:00Z', to: '2026-12-01T00:00:00Z' }, now),
    ).toEqual({ error: 'The custom range must start before it ends.' });
  });
});

describe(autoGranularity.name, () => {
  it('switches to hours beyond six hours', () => {
    expect(autoGranularity(6 * 3_600_000)).toBe('minute');
    expect(autoGranularity(6 * 3_600_000 + 1)).toBe('hour');
  });
});

describe('datetime-local conversion', () => {
  it('round-trips an instant through the input (TZ=UTC here)', () => {
    expect(toLocalInput('2026-12-07T10:30:00Z')).toBe('2026-12-07T10:30');
    expect(fromLocalInput('2026-12-07T10:30')).toBe('2026-12-07T10:30:00.000Z');
    expect(toLocalInput(undefined)).toBe('');
    expect(fromLocalInput('')).toBeUndefined();
  });
});
