import { api, JWT, MemorySource, policy, runtimeOn, RuntimeUnderTest } from './runtime.spec-helper';

describe('a reload that changes a few entities', () => {
  let source: MemorySource;
  let runtime: RuntimeUnderTest;

  beforeEach(async () => {
    source = new MemorySource();
    await source.persist({ kind: 'policy', id: 'gold', document: policy('gold') });
    await source.persist({ kind: 'policy', id: 'silver', document: policy('silver') });
    for (const id of ['a', 'b', 'c']) await source.persist({ kind: 'api', id, document: api(id, `/${id}`) });
    runtime = runtimeOn(source);
    await runtime.sut.start();
    runtime.compiler.compiled.length = 0;
    runtime.keys.evictedFor.length = 0;
  });

  it('compiles nothing and keeps the served registry when nothing changed', async () => {
    const served = runtime.holder.current;
    expect(await runtime.sut.reload()).toMatchObject({ ok: true, apis: 3, policies: 2 });
    expect(runtime.holder.current).toBe(served);
    expect(runtime.compiler.compiled).toEqual([]);
    expect(runtime.keys.evictedFor).toEqual([]);
  });

  it('applies them to the served registry, evicting only the keys of changed policies', async () => {
    const served = runtime.holder.current;
    const kept = served.api('c');
    await source.persist({ kind: 'api', id: 'a', document: api('a', '/moved') });
    await source.persist({ kind: 'api', id: 'b' });
    await source.persist({ kind: 'api', id: 'd', document: api('d', '/d') });
    await source.persist({ kind: 'policy', id: 'gold', document: policy('gold', 99) });

    const result = await runtime.sut.reload();

    expect(result).toMatchObject({ ok: true, apis: 3, policies: 2 });
    expect(runtime.holder.current).toBe(served);
    expect(runtime.compiler.compiled.sort()).toEqual(['a', 'd']);
    expect(served.matchPath(undefined, '/moved/1', '')?.api.spec.apiId).toBe('a');
    expect(served.matchPath(undefined, '/a/1', '')).toBeUndefined();
    expect(served.api('b')).toBeUndefined();
    expect(served.matchPath(undefined, '/b/1', '')).toBeUndefined();
    expect(served.matchPath(undefined, '/d/1', '')?.api.spec.apiId).toBe('d');
    expect(served.api('c')).toBe(kept);
    expect(served.policy('gold')?.rate).toBe(99);
    expect(runtime.keys.evictedFor).toEqual([['gold']]);
  });

  it('falls back to a full build when the changes clash among themselves, serving none of them', async () => {
    const served = runtime.holder.current;
    await source.persist({ kind: 'api', id: 'x', document: api('x', '/same') });
    await source.persist({ kind: 'api', id: 'y', document: api('y', '/same') });

    const result = await runtime.sut.reload();

    expect(result).toMatchObject({ ok: false, apis: 3 });
    expect(result.errors).toEqual(['api y: listen path /same is already used by API x']);
    expect(runtime.holder.current).toBe(served);
    expect(served.api('x')).toBeUndefined();
  });

  it('builds a new registry when many entities changed', async () => {
    const served = runtime.holder.current;
    for (let i = 0; i < 300; i++)
      await source.persist({ kind: 'api', id: `many-${i}`, document: api(`many-${i}`, `/many-${i}`) });

    expect(await runtime.sut.reload()).toMatchObject({ ok: true, apis: 303 });
    expect(runtime.holder.current).not.toBe(served);
    expect(runtime.holder.current.api('many-299')).toBeDefined();
    expect(runtime.holder.current.api('a')).toBe(served.api('a'));
  });

  it('gives JWT chains, which cache sessions built from policies, fresh chains when a policy changed', async () => {
    await runtime.sut.write({ kind: 'api', id: 'jwt', document: api('jwt', '/jwt', JWT) });
    runtime.compiler.compiled.length = 0;
    expect((await runtime.sut.reload()).ok).toBe(true);
    expect(runtime.compiler.compiled).toEqual([]);

    await source.persist({ kind: 'policy', id: 'silver', document: policy('silver', 7) });
    expect((await runtime.sut.reload()).ok).toBe(true);
    expect(runtime.compiler.compiled).toEqual(['jwt']);
  });
});
