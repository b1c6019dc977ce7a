import { compileApiSpec } from './api-spec';
import { RouteIndex } from './route-index';

function api(apiId: string, listenPath: string, domain = '') {
  return {
    spec: compileApiSpec({
      api_id: apiId,
      domain,
      proxy: { listen_path: listenPath, target_url: 'http://127.0.0.1:9' },
    }),
  };
}

function indexOf(...apis: ReturnType<typeof api>[]) {
  const sut = new RouteIndex<ReturnType<typeof api>>();
  for (const one of apis) sut.put(one);
  return sut;
}

describe(RouteIndex.name, () => {
  it('matches a listen path only at a segment boundary', () => {
    const sut = indexOf(api('api', '/api/'));
    expect(sut.match('', '/api')?.spec.apiId).toBe('api');
    expect(sut.match('', '/api/x')?.spec.apiId).toBe('api');
    expect(sut.match('', '/apix')).toBeUndefined();
    expect(sut.match('', '/')).toBeUndefined();
  });

  it('routes everything under the root listen path, which compiles to an empty one', () => {
    const sut = indexOf(api('root', '/'), api('api', '/api'));
    expect(sut.owner('', '')?.spec.apiId).toBe('root');
    expect(sut.match('', '/apix')?.spec.apiId).toBe('root');
    expect(sut.match('', '/')?.spec.apiId).toBe('root');
    expect(sut.match('', '')?.spec.apiId).toBe('root');
    expect(sut.match('', '/api/v1')?.spec.apiId).toBe('api');
  });

  it('prefers any API bound to the host over a domainless one with a longer listen path', () => {
    const sut = indexOf(api('long', '/a/b/c'), api('bound', '/', '*.example.com'));
    expect(sut.match('x.example.com', '/a/b/c')?.spec.apiId).toBe('bound');
    expect(sut.match('example.org', '/a/b/c')?.spec.apiId).toBe('long');
    expect(sut.match('', '/a/b/c')?.spec.apiId).toBe('long');
  });

  it('prefers the longest listen path among the domains the host matches', () => {
    const sut = indexOf(api('exact', '/a', 'x.example.com'), api('wild', '/a/b', '*.example.com'));
    expect(sut.match('x.example.com', '/a/b/c')?.spec.apiId).toBe('wild');
    expect(sut.match('x.example.com', '/a/c')?.spec.apiId).toBe('exact');
  });

  it('breaks a tie on one listen path by exact host, then the longest wildcard', () => {
    const sut = indexOf(
      api('short', '/a', '*.example.com'),
      api('long', '/a', '*.eu.example.com'),
      api('exact', '/a', 'x.eu.example.com'),
    );
    expect(sut.match('x.eu.example.com', '/a')?.spec.apiId).toBe('exact');
    expect(sut.match('y.eu.example.com', '/a')?.spec.apiId).toBe('long');
    expect(sut.match('y.us.example.com', '/a')?.spec.apiId).toBe('short');
  });

  it('matches a wildcard for any depth of subdomain but not the bare domain', () => {
    const sut = indexOf(api('wild', '/', '*.example.com'));
    expect(sut.match('a.b.example.com', '/')?.spec.apiId).toBe('wild');
    expect(sut.match('example.com', '/')).toBeUndefined();
    expect(sut.match('badexample.com', '/')).toBeUndefined();
  });

  it('matches a bracketed IPv6 host exactly', () => {
    const sut = indexOf(api('v6', '/', '[::1]'));
    expect(sut.match('[::1]', '/x')?.spec.apiId).toBe('v6');
    expect(sut.match('[::2]', '/x')).toBeUndefined();
  });

  it('forgets a deleted route, and a deleted wildcard domain, without disturbing the rest', () => {
    const sut = indexOf(
      api('long', '/a/b', '*.eu.example.com'),
      api('short', '/a', '*.example.com'),
      api('other', '/a/b'),
    );
    sut.delete({ domain: '*.eu.example.com', listenPath: '/a/b' });
    expect(sut.owner('*.eu.example.com', '/a/b')).toBeUndefined();
    expect(sut.match('x.eu.example.com', '/a/b')?.spec.apiId).toBe('short');
    sut.delete({ domain: '*.example.com', listenPath: '/a' });
    expect(sut.match('x.eu.example.com', '/a/b')?.spec.apiId).toBe('other');
    sut.delete({ domain: '', listenPath: '/nothing' });
    expect(sut.match('', '/a/b')?.spec.apiId).toBe('other');
  });

  it('answers hostile lengths by the routes it holds, not the request', () => {
    const sut = indexOf(api('a', '/a'), api('wild', '/b', '*.example.com'));
    expect(sut.match('', `/a${'/x'.repeat(8000)}`)?.spec.apiId).toBe('a');
    expect(sut.match(`${'x.'.repeat(8000)}example.com`, '/b/c')?.spec.apiId).toBe('wild');
  });
});
