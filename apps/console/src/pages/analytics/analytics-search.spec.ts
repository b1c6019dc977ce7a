import { breakdownQuery, parseAnalyticsSearch, seriesQuery } from './analytics-search';
import type { ResolvedRange } from './time-range';

const range: ResolvedRange = {
  from: new Date('2026-12-07T09:00:00Z'),
  to: new Date('2026-12-07T10:00:00Z'),
  granularity: 'minute',
};

describe(parseAnalyticsSearch.name, () => {
  it('defaults to the last hour, breakdown by API, first pages', () => {
    expect(parseAnalyticsSearch({})).toEqual({ range: '1h', by: 'api', page: 0, pathPage: 0 });
  });

  it('drops unknown values and keeps custom dates only for a custom range', () => {
    const sut = parseAnalyticsSearch({
      range: '3y',
      from: '2026-12-01T00:00:00Z',
      granularity: 'second',
      by: 'colour',
      page: -2,
    });
    expect(sut).toEqual({ range: '1h', by: 'api', page: 0, pathPage: 0 });
    expect(parseAnalyticsSearch({ range: 'custom', from: 'a', to: 'b' })).toMatchObject({
      from: 'a',
      to: 'b',
    });
  });

  it('keeps one narrowing, as the API takes one, and reads a numeric status', () => {
    const sut = parseAnalyticsSearch({ api: 'orders', status: 503, path: '/x' });
    expect(sut).toMatchObject({ api: 'orders', status: '503' });
    expect(sut.path).toBeUndefined();
  });
});

describe(seriesQuery.name, () => {
  it('sends the range, the API and the narrowing', () => {
    const search = parseAnalyticsSearch({ api: 'orders', region: 'eu' });
    expect(seriesQuery(search, range)).toEqual({
      from: '2026-12-07T09:00:00.000Z',
      to: '2026-12-07T10:00:00.000Z',
      granularity: 'minute',
      api: 'orders',
      region: 'eu',
    });
  });
});

describe(breakdownQuery.name, () => {
  it('pages on the server and filters by API only', () => {
    const search = parseAnalyticsSearch({ api: 'orders', key: 'k1' });
    expect(breakdownQuery(search, range, 'path', 2, 10)).toEqual({
      from: '2026-12-07T09:00:00.000Z',
      to: '2026-12-07T10:00:00.000Z',
      granularity: 'minute',
      api: 'orders',
      by: 'path',
      limit: 10,
      offset: 20,
    });
  });
});
