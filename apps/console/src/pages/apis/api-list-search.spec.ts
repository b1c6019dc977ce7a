import { apiListQuery, parseApiListSearch } from './api-list-search';

describe('APIs list search ↔ API query', () => {
  it('reads the URL, dropping what is malformed', () => {
    expect(parseApiListSearch({ page: 2, q: ' orders ', tag: 'eu', active: true })).toEqual({
      page: 2,
      q: 'orders',
      tag: 'eu',
      active: true,
    });
    expect(parseApiListSearch({ active: 'false' }).active).toBe(false);
    expect(parseApiListSearch({ page: -1, q: '', tag: 5, active: 'maybe' })).toEqual({
      page: undefined,
      q: undefined,
      tag: '5',
      active: undefined,
    });
    expect(parseApiListSearch({ q: 'x'.repeat(500) }).q).toHaveLength(100);
  });

  it('asks the server for one page with the filters, never for everything', () => {
    expect(apiListQuery({ page: 3, q: 'orders', active: false }, 50)).toEqual({
      limit: 50,
      offset: 150,
      q: 'orders',
      active: 'false',
    });
    expect(apiListQuery({}, 50)).toEqual({ limit: 50, offset: 0 });
  });
});
