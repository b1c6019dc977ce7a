import fc from 'fast-check';

import { ConflictError } from '@gatehouse/shared-kernel';

import { ApiSpec, compileApiSpec } from './api-spec';
import { Registry } from './registry';

// A small universe, so routes collide, move and nest often.
const IDS = ['a', 'b', 'c', 'd', 'e', 'f'];
const DOMAINS = ['', 'example.com', 'x.example.com', '*.example.com', '*.x.example.com', '[::1]', '*.org'];
const LISTEN_PATHS = ['/', '/a', '/a/', '/a/b', '/a/b/c', '/ab', '/b'];
const HOSTS = [
  undefined,
  'example.com',
  'X.Example.com:8080',
  'y.x.example.com',
  'z.example.com',
  '[::1]:443',
  'example.org',
  'b.example.org',
];
const PATHS = ['/', '', '/a', '/a/', '/a/b', '/a/b/c/d', '/ab', '/abc', '/a/bc', '/a//b', '/b/x', '/c'];

interface Api {
  spec: ApiSpec;
}

type Step = { put: true; apiId: string; domain: string; listenPath: string } | { put: false; apiId: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    put: fc.constant(true as const),
    apiId: fc.constantFrom(...IDS),
    domain: fc.constantFrom(...DOMAINS),
    listenPath: fc.constantFrom(...LISTEN_PATHS),
  }),
  fc.record({ put: fc.constant(false as const), apiId: fc.constantFrom(...IDS) }),
);

const specs = new Map<string, ApiSpec>();
function specFor(apiId: string, domain: string, listenPath: string): ApiSpec {
  const key = `${apiId}|${domain}|${listenPath}`;
  let spec = specs.get(key);
  if (!spec) {
    spec = compileApiSpec({
      api_id: apiId,
      domain,
      proxy: { listen_path: listenPath, target_url: 'http://127.0.0.1:9' },
    });
    specs.set(key, spec);
  }
  return spec;
}

/** The precedence rule written as plainly as possible: filter every API, sort, take the first. */
function referenceMatch(apis: Api[], hostHeader: string | undefined, path: string): Api | undefined {
  const host = (hostHeader ?? '').replace(/:\d+$/, '').toLowerCase();
  const domainMatches = (domain: string) =>
    domain === host || (domain.startsWith('*.') && host.endsWith(domain.slice(1)));
  const rank = ({ spec }: Api) => [
    Number(spec.domain !== ''),
    spec.listenPath.length,
    Number(spec.domain === host),
    spec.domain.length,
  ];
  return apis
    .filter(({ spec }) => spec.domain === '' || domainMatches(spec.domain))
    .filter(
      ({ spec }) =>
        spec.listenPath === '' || path === spec.listenPath || path.startsWith(`${spec.listenPath}/`),
    )
    .sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      return y[0] - x[0] || y[1] - x[1] || y[2] - x[2] || y[3] - x[3];
    })[0];
}

describe(Registry.name, () => {
  it('routes after any sequence of puts and removes as a fresh registry and a linear scan would (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const sut = Registry.empty<Api>();
        const model = new Map<string, Api>();
        for (const change of steps) {
          if (!change.put) {
            expect(sut.removeApi(change.apiId)).toBe(model.delete(change.apiId));
          } else {
            const next = { spec: specFor(change.apiId, change.domain, change.listenPath) };
            const owner = sut.routeOwner(next.spec.domain, next.spec.listenPath);
            const clash = [...model.values()].find(
              ({ spec }) => spec.domain === next.spec.domain && spec.listenPath === next.spec.listenPath,
            );
            expect(owner).toBe(clash?.spec.apiId);
            if (owner !== undefined && owner !== change.apiId) {
              expect(() => sut.putApi(next)).toThrow(ConflictError);
            } else {
              sut.putApi(next);
              model.set(change.apiId, next);
            }
          }

          const apis = [...model.values()];
          const fresh = new Registry(apis, new Map());
          expect(sut.size).toBe(model.size);
          expect(new Set(sut.apis())).toEqual(new Set(apis));
          // Collected, then asserted once: an expect per request makes this run ten times slower.
          const wrong: string[] = [];
          for (const host of HOSTS) {
            for (const path of PATHS) {
              const got = sut.matchPath(host, path, '');
              const want = fresh.matchPath(host, path, '');
              const expected = referenceMatch(apis, host, path);
              if (got?.api !== want?.api || got?.path !== want?.path || got?.api !== expected) {
                wrong.push(
                  `${host} ${path}: ${got?.api.spec.apiId}, fresh ${want?.api.spec.apiId}, scan ${expected?.spec.apiId}`,
                );
              }
            }
          }
          expect(wrong).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
