import fc from 'fast-check';

import { ConflictError } from '@gatehouse/shared-kernel';
import { policySchema } from '@gatehouse/shared-tyk-compat';

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

  it('keeps a query out of routing, even one holding slashes', () => {
    const sut = new Registry([api('a', '/a'), api('ab', '/a/b')], new Map());
    expect(sut.match(undefined, '/a?next=/a/b')).toMatchObject({
      api: { spec: { apiId: 'a' } },
      path: '/',
      query: '?next=/a/b',
    });
  });

  it('routes a bracketed IPv6 host, port stripped', () => {
    const sut = new Registry([api('v6', '/', { domain: '[::1]' })], new Map());
    expect(sut.match('[::1]:8080', '/x')?.api.spec.apiId).toBe('v6');
    expect(sut.match('[::1]', '/x')?.api.spec.apiId).toBe('v6');
    expect(sut.match('[::2]:8080', '/x')).toBeUndefined();
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

  describe('in-place updates', () => {
    it('moves a replaced API to its new route and serves the new object', () => {
      const before = api('a', '/old');
      const sut = new Registry([before, api('b', '/b')], new Map());
      const held = sut.match(undefined, '/old/x');
      const after = api('a', '/new', { domain: 'example.com' });
      sut.putApi(after);
      expect(held?.api).toBe(before);
      expect(sut.match(undefined, '/old/x')).toBeUndefined();
      expect(sut.match('example.com', '/new/x')?.api).toBe(after);
      expect(sut.routeOwner('', '/old')).toBeUndefined();
      expect(sut.routeOwner('example.com', '/new')).toBe('a');
      expect(sut.api('a')).toBe(after);
      expect(sut.size).toBe(2);
    });

    it('refuses a route another API holds, changing nothing', () => {
      const sut = new Registry([api('a', '/a'), api('b', '/b')], new Map());
      expect(() => sut.putApi(api('b', '/a/'))).toThrow(ConflictError);
      expect(() => sut.putApi(api('b', '/a/'))).toThrow('listen path /a is already used by API a');
      expect(sut.match(undefined, '/b')?.api.spec.apiId).toBe('b');
      expect(sut.match(undefined, '/a')?.api.spec.apiId).toBe('a');
    });

    it('refuses two APIs on one route when constructed, and lets a later duplicate id win', () => {
      expect(() => new Registry([api('a', '/x'), api('b', '/x')], new Map())).toThrow(ConflictError);
      const sut = new Registry([api('a', '/x'), api('a', '/y')], new Map());
      expect(sut.size).toBe(1);
      expect(sut.match(undefined, '/x')).toBeUndefined();
      expect(sut.match(undefined, '/y')?.api.spec.apiId).toBe('a');
    });

    it('removes an API and its route', () => {
      const sut = new Registry([api('root', '/'), api('a', '/a')], new Map());
      expect(sut.removeApi('a')).toBe(true);
      expect(sut.removeApi('a')).toBe(false);
      expect(sut.api('a')).toBeUndefined();
      expect(sut.match(undefined, '/a')?.api.spec.apiId).toBe('root');
      expect(sut.apis().map((one) => one.spec.apiId)).toEqual(['root']);
    });

    it('puts and removes policies', () => {
      const gold = policySchema.parse({ id: 'gold', org_id: 'acme', rate: 10 });
      const sut = new Registry([], new Map([['gold', gold]]));
      const richer = policySchema.parse({ id: 'gold', org_id: 'acme', rate: 100 });
      sut.putPolicy(richer);
      sut.putPolicy(policySchema.parse({ id: 'silver', org_id: 'acme' }));
      expect(sut.policy('gold')).toBe(richer);
      expect(sut.removePolicy('silver')).toBe(true);
      expect(sut.removePolicy('silver')).toBe(false);
      expect(sut.policyList()).toEqual([richer]);
    });
  });

  it('keeps the APIs that define streams at hand as APIs come, change and go', () => {
    const streaming = (apiId: string, listenPath: string) => {
      const plain = api(apiId, listenPath);
      return { spec: { ...plain.spec, streams: [{} as (typeof plain.spec.streams)[number]] } };
    };
    const ids = (sut: Registry<{ spec: ReturnType<typeof compileApiSpec> }>) =>
      [...sut.streamApis()].map((entry) => entry.spec.apiId).sort();
    const sut = new Registry(
      [streaming('s1', '/s1'), api('plain', '/plain'), streaming('s2', '/s2')],
      new Map(),
    );
    expect(ids(sut)).toEqual(['s1', 's2']);
    sut.putApi(api('s1', '/s1'));
    sut.removeApi('s2');
    sut.putApi(streaming('plain', '/plain'));
    expect(ids(sut)).toEqual(['plain']);
  });
});
