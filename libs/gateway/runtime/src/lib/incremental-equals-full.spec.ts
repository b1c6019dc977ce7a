import { Registry, TykDocument } from '@gatehouse/gateway-core';
import fc from 'fast-check';

import { api, FakeCompiledApi, MemorySource, policy, runtimeOn } from './runtime.spec-helper';

const IDS = ['a', 'b', 'c', 'd'];
const PATHS = ['', '/x', '/x/y', '/y'];
const DOMAINS = ['', 'shop.example', '*.example'];
const PROBES = ['/', '/x', '/x/1', '/x/y/z', '/y', '/z'].flatMap((path) =>
  ['shop.example', 'api.example', 'other.org'].map((host) => [host, path] as const),
);

const changeArbitrary = fc.oneof(
  fc.record({
    kind: fc.constant('api' as const),
    id: fc.constantFrom(...IDS),
    path: fc.constantFrom(...PATHS),
    domain: fc.constantFrom(...DOMAINS),
    active: fc.boolean(),
    deleted: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('policy' as const),
    id: fc.constantFrom(...IDS),
    rate: fc.integer({ min: 1, max: 5 }),
    deleted: fc.boolean(),
  }),
);

type Change = typeof changeArbitrary extends fc.Arbitrary<infer T> ? T : never;

function documentOf(change: Change): TykDocument | undefined {
  if (change.deleted) return undefined;
  return change.kind === 'api'
    ? api(change.id, change.path, { domain: change.domain, active: change.active })
    : policy(change.id, change.rate);
}

/** What a registry serves, in a form two registries can be compared by. */
function served(registry: Registry<FakeCompiledApi>): unknown {
  return {
    apis: registry
      .apis()
      .map(
        (entry) => `${entry.spec.apiId} ${entry.spec.domain} ${entry.spec.listenPath} ${entry.spec.active}`,
      )
      .sort(),
    policies: registry
      .policyList()
      .map((entry) => JSON.stringify(entry))
      .sort(),
    routes: PROBES.map(([host, path]) => registry.matchPath(host, path, '')?.api.spec.apiId ?? null),
  };
}

describe('incremental changes and a full build', () => {
  it('serve the same registry after any sequence of accepted changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(changeArbitrary, { maxLength: 30 }), async (changes) => {
        const source = new MemorySource();
        const incremental = runtimeOn(source);
        await incremental.sut.start();
        for (const change of changes) {
          const document = documentOf(change);
          // A refused write (a clash) stores nothing, so the full build below never sees it.
          await incremental.sut.write({ kind: change.kind, id: change.id, document }).catch(() => undefined);
        }
        const full = runtimeOn(source);
        expect(await full.sut.start()).toMatchObject({ ok: true });
        expect(served(incremental.holder.current)).toEqual(served(full.holder.current));
      }),
      { numRuns: 200 },
    );
  });

  it('serve the same registry when edits reach the source directly and reloads apply them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(changeArbitrary, fc.boolean()), { maxLength: 30 }),
        async (steps) => {
          const source = new MemorySource();
          const reloaded = runtimeOn(source);
          await reloaded.sut.start();
          // Files edited on disk, say, with a reload now and then: each applies what changed since the last.
          for (const [change, reloadNow] of steps) {
            await source.persist({ kind: change.kind, id: change.id, document: documentOf(change) });
            if (reloadNow) await reloaded.sut.reload();
          }
          const last = await reloaded.sut.reload();
          const full = runtimeOn(source);
          const fresh = await full.sut.start();
          expect(last.ok).toBe(fresh.ok);
          if (fresh.ok) expect(served(reloaded.holder.current)).toEqual(served(full.holder.current));
        },
      ),
      { numRuns: 300 },
    );
  });
});
