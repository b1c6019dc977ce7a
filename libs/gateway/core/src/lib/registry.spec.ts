import fc from 'fast-check';

import { compileApiSpec } from './api-spec';
import { Registry } from './registry';

function api(apiId: string, listenPath: string, extra: Record<string, unknown> = {}) {
  return {
    spec: compileApiSpec({
      api_id: apiId,
      proxy: { listen_path: listenPath, target_url: 'http://127.0.0.1:9' },
      ...extra,
    }),
  };
}

describe(Registry.name, () => {
  it('routes by longest listen path and splits path and query', () => {
    const sut = new Registry([api('root', '/'), api('a', '/a/'), api('ab', '/a/b')], new Map());
    expect(sut.match(undefined, '/a/b/c?x=1')).toMatchObject({
      api: { spec: { apiId: 'ab' } },
      path: '/c',
      query: '?x=1',
    });
    expect(sut.match(undefined, '/a/bc')).toMatchObject({ api: { spec: { apiId: 'a' } }, path: '/bc' });
    expect(sut.match(undefined, '/a')).toMatchObject({ api: { spec: { apiId: 'a' } }, path: '/' });
    expect(sut.match(undefined, '/other')).toMatchObject({
      api: { spec: { apiId: 'root' } },
      path: '/other',
    });
  });

  it('prefers an API bound to the request host, ignoring the port', () => {
    const sut = new Registry(
      [api('any', '/x/'), api('bound', '/', { domain: 'API.example.com' })],
      new Map(),
    );
    expect(sut.match('api.example.com:8080', '/x/1')?.api.spec.apiId).toBe('bound');
    expect(sut.match('other.example.com', '/x/1')?.api.spec.apiId).toBe('any');
    expect(sut.match('other.example.com', '/y')).toBeUndefined();
  });

  it('matches wildcard domains', () => {
    const sut = new Registry([api('w', '/', { domain: '*.example.com' })], new Map());
    expect(sut.match('eu.example.com', '/')?.api.spec.apiId).toBe('w');
    expect(sut.match('example.org', '/')).toBeUndefined();
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
          const sut = new Registry(
            paths.map((path, index) => api(`api${index}`, path)),
            new Map(),
          );
          const expected = paths
            .filter((path) => requestPath === path || requestPath.startsWith(`${path}/`))
            .sort((a, b) => b.length - a.length)[0];
          const match = sut.match(undefined, requestPath);
          expect(match?.api.spec.listenPath).toBe(expected);
          const rest = requestPath.slice(expected.length);
          expect(match?.path).toBe(rest === '' ? '/' : rest);
        },
      ),
    );
  });
});
