import { cookieValue, readToken, stripBearer, withoutParam } from './credentials';

describe('credentials', () => {
  const spec = { header: 'authorization', param: 'key', cookie: 'session' };
  const headers = (values: Record<string, string>) => (name: string) => values[name];

  it('prefers the header, then the parameter, then the cookie', () => {
    expect(readToken(spec, headers({ authorization: 'Bearer abc' }), '?key=def')).toEqual({
      key: 'abc',
      from: 'header',
    });
    expect(readToken(spec, headers({}), '?x=1&key=def')).toEqual({ key: 'def', from: 'param' });
    expect(readToken(spec, headers({ cookie: 'a=1; session=ghi' }), '')).toEqual({
      key: 'ghi',
      from: 'cookie',
    });
    expect(readToken(spec, headers({}), '')).toBeUndefined();
  });

  it('ignores sources the API did not enable', () => {
    expect(
      readToken({ header: '', param: '', cookie: '' }, headers({ authorization: 'abc' }), '?key=1'),
    ).toBeUndefined();
  });

  it('strips a Bearer prefix in any case', () => {
    expect(stripBearer('bearer   xyz')).toBe('xyz');
    expect(stripBearer('xyz')).toBe('xyz');
  });

  it('reads cookies and removes one query parameter', () => {
    expect(cookieValue('a=1;b=%20x', 'b')).toBe(' x');
    expect(cookieValue(undefined, 'b')).toBeUndefined();
    expect(withoutParam('?a=1&key=2&b=3', 'key')).toBe('?a=1&b=3');
    expect(withoutParam('?key=2', 'key')).toBe('');
  });
});
