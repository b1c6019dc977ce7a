import fc from 'fast-check';

import { RouteDefinition, RouteTable } from './route-table';

function route(
  apiId: string,
  listenPath: string,
  stripListenPath = true,
  targetUrl = 'http://upstream:8000',
): RouteDefinition {
  return { apiId, listenPath, targetUrl, stripListenPath };
}

describe(RouteTable.name, () => {
  it('strips the listen path and keeps the query', () => {
    const sut = new RouteTable([route('a', '/orders/')]);
    expect(sut.match('/orders/42?expand=items')).toMatchObject({ upstreamPath: '/42?expand=items' });
    expect(sut.match('/orders')).toMatchObject({ upstreamPath: '/' });
    expect(sut.match('/orders?x=1')).toMatchObject({ upstreamPath: '/?x=1' });
  });

  it('keeps the listen path when strip is off and prefixes the target path', () => {
    const sut = new RouteTable([route('a', '/orders', false, 'http://upstream:8000/base/')]);
    expect(sut.match('/orders/42')).toMatchObject({ upstreamPath: '/base/orders/42' });
  });

  it('does not match a path that only shares a prefix of characters', () => {
    const sut = new RouteTable([route('a', '/api')]);
    expect(sut.match('/apix')).toBeUndefined();
    expect(sut.match('/api/x')?.route.apiId).toBe('a');
  });

  it('lets a root listen path catch everything else', () => {
    const sut = new RouteTable([route('root', '/'), route('a', '/a')]);
    expect(sut.match('/a/1')?.route.apiId).toBe('a');
    expect(sut.match('/b/1')).toMatchObject({ route: { apiId: 'root' }, upstreamPath: '/b/1' });
  });

  it('always picks the longest matching listen path (property)', () => {
    const segment = fc.stringMatching(/^[a-z0-9]{1,4}$/);
    const listenPath = fc
      .array(segment, { minLength: 1, maxLength: 3 })
      .map((parts) => `/${parts.join('/')}`);
    fc.assert(
      fc.property(
        fc.uniqueArray(listenPath, { minLength: 1, maxLength: 8 }),
        fc.array(segment, { maxLength: 3 }),
        fc.nat(),
        (paths, tail, pick) => {
          const base = paths[pick % paths.length];
          const requestPath = [base, ...tail].join('/');
          const sut = new RouteTable(paths.map((path, index) => route(`api${index}`, path)));
          const expected = paths
            .filter((path) => requestPath === path || requestPath.startsWith(`${path}/`))
            .sort((a, b) => b.length - a.length)[0];
          const match = sut.match(requestPath);
          expect(match?.route.listenPath).toBe(expected);
          const rest = requestPath.slice(expected.length);
          expect(match?.upstreamPath).toBe(rest === '' ? '/' : rest);
        },
      ),
    );
  });
});
