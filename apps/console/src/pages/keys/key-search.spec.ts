import { keysQuery, parseKeysSearch, withFilter } from './key-search';

const PAGE_SIZE = 50;

describe('key list filters and the GET /keys query', () => {
  it('asks the server for the filtered page the URL names', () => {
    const search = parseKeysSearch({ page: '2', policy: 'gold', api: 'orders', inactive: 'true' });
    expect(search).toEqual({ page: 2, policy: 'gold', api: 'orders', inactive: 'true' });
    expect(keysQuery(search, PAGE_SIZE)).toEqual({
      policy: 'gold',
      api: 'orders',
      inactive: 'true',
      limit: PAGE_SIZE,
      offset: 2 * PAGE_SIZE,
    });
  });

  it('sends no filter the URL does not hold, starting at the first page', () => {
    expect(keysQuery(parseKeysSearch({}), PAGE_SIZE)).toEqual({ limit: PAGE_SIZE, offset: 0 });
  });

  it('drops malformed values instead of sending them', () => {
    expect(parseKeysSearch({ page: '-1', policy: '  ', inactive: 'maybe', api: 42 })).toEqual({
      page: undefined,
      policy: undefined,
      api: undefined,
      inactive: undefined,
    });
  });

  it('goes back to the first page when a filter changes', () => {
    expect(withFilter({ page: 3, api: 'orders' }, { policy: 'gold' })).toEqual({
      page: undefined,
      api: 'orders',
      policy: 'gold',
    });
    expect(withFilter({ page: 3, policy: 'gold' }, { policy: undefined })).toEqual({
      page: undefined,
      policy: undefined,
    });
  });
});
