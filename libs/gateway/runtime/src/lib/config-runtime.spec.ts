import type { TykDocument } from '@gatehouse/gateway-core';
import { ConflictError, InvalidInputError } from '@gatehouse/shared-kernel';

import { ConfigRuntime } from './config-runtime';
import {
  api,
  countingCompiler,
  FakeCompiledApi,
  HolderOf,
  JWT,
  MemorySource,
  policy,
  RecordingKeys,
  runtimeOn,
} from './runtime.spec-helper';

describe(ConfigRuntime.name, () => {
  let source: MemorySource;
  let holder: HolderOf<FakeCompiledApi>;
  let keys: RecordingKeys;
  let compiler: ReturnType<typeof countingCompiler>;
  let sut: ConfigRuntime<FakeCompiledApi>;

  beforeEach(() => {
    source = new MemorySource();
    ({ sut, holder, keys, compiler } = runtimeOn(source));
  });

  async function startWith(...entries: [string, string][]): Promise<void> {
    for (const [id, path] of entries) await source.persist({ kind: 'api', id, document: api(id, path) });
    await sut.start();
    compiler.compiled.length = 0;
  }

  it('builds everything at start and serves it', async () => {
    await source.persist({ kind: 'policy', id: 'gold', document: policy('gold') });
    await startWith(['a', '/a'], ['b', '/b']);
    expect(holder.current.size).toBe(2);
    expect(holder.current.matchPath(undefined, '/b/x', '')?.api.spec.apiId).toBe('b');
    expect(holder.current.policy('gold')?.rate).toBe(10);
  });

  it('compiles only the API that changed, in place, and leaves the key cache alone', async () => {
    await startWith(['a', '/a'], ['b', '/b'], ['c', '/c']);
    const [registry, before] = [holder.current, holder.current.api('b')];
    await sut.write({ kind: 'api', id: 'a', document: api('a', '/moved') });
    expect(compiler.compiled).toEqual(['a']);
    expect(holder.current.matchPath(undefined, '/moved/1', '')?.api.spec.apiId).toBe('a');
    expect(holder.current.matchPath(undefined, '/a/1', '')).toBeUndefined();
    expect(holder.current.api('b')).toBe(before);
    expect(holder.current).toBe(registry);
    expect(keys.evictedFor).toEqual([]);
  });

  it('refuses a write whose listen path another API holds, storing nothing', async () => {
    await startWith(['a', '/a']);
    await expect(sut.write({ kind: 'api', id: 'b', document: api('b', '/a') })).rejects.toThrow(
      new ConflictError('listen path /a is already used by API a'),
    );
    expect(source.get('api', 'b')).toBeUndefined();
    expect(holder.current.api('b')).toBeUndefined();
  });

  it('refuses an invalid write naming the field, storing nothing', async () => {
    await startWith();
    const refused = sut.write({ kind: 'api', id: 'x', document: { api_id: 'x', proxy: {} } });
    await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
    await expect(refused).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining('proxy') })]),
    });
    expect(source.get('api', 'x')).toBeUndefined();
  });

  it('evicts only the keys of a changed policy and re-compiles only the chains built from policies', async () => {
    await source.persist({ kind: 'api', id: 'jwt', document: api('jwt', '/jwt', JWT) });
    await startWith(['plain', '/plain']);
    await sut.write({ kind: 'policy', id: 'gold', document: policy('gold', 99) });
    expect(keys.evictedFor.at(-1)).toEqual(['gold']);
    expect(compiler.compiled).toEqual(['jwt']);
    expect(holder.current.policy('gold')?.rate).toBe(99);
    await sut.write({ kind: 'policy', id: 'gold' });
    expect(holder.current.policy('gold')).toBeUndefined();
    expect(keys.evictedFor.at(-1)).toEqual(['gold']);
  });

  it('applies changes from the source as they come, refusing a bad one without touching the others', async () => {
    await startWith(['a', '/a']);
    source.emit({ kind: 'api', id: 'b', document: api('b', '/b') });
    source.emit({ kind: 'api', id: 'c', document: api('c', '/a') });
    source.emit({ kind: 'api', id: 'a' });
    await sut.idle();
    expect(
      holder.current
        .apis()
        .map((served) => served.spec.apiId)
        .sort(),
    ).toEqual(['b']);
  });

  it('a full reload evicts only the keys of policies that differ', async () => {
    await source.persist({ kind: 'policy', id: 'same', document: policy('same') });
    await source.persist({ kind: 'policy', id: 'edited', document: policy('edited') });
    await source.persist({ kind: 'policy', id: 'gone', document: policy('gone') });
    await startWith();
    await source.persist({ kind: 'policy', id: 'edited', document: policy('edited', 5) });
    await source.persist({ kind: 'policy', id: 'gone' });
    await source.persist({ kind: 'policy', id: 'new', document: policy('new') });
    expect((await sut.reload()).ok).toBe(true);
    expect(keys.evictedFor.at(-1)?.sort()).toEqual(['edited', 'gone', 'new']);
  });

  it('reuses on a reload what it compiled from documents the source still holds', async () => {
    await source.persist({ kind: 'api', id: 'jwt', document: api('jwt', '/jwt', JWT) });
    await startWith(['same', '/same'], ['edited', '/edited'], ['written', '/written']);
    const same = holder.current.api('same');
    await sut.write({ kind: 'api', id: 'written', document: api('written', '/written', { name: 'v2' }) });
    const written = holder.current.api('written');
    await source.persist({ kind: 'api', id: 'edited', document: api('edited', '/edited', { name: 'v2' }) });
    // An equal document that is a different object: the source replaced it, so it is compiled again.
    await source.persist({ kind: 'api', id: 'same-looking', document: api('same-looking', '/look') });
    compiler.compiled.length = 0;

    expect((await sut.reload()).ok).toBe(true);
    expect(compiler.compiled.sort()).toEqual(['edited', 'same-looking']);
    expect(holder.current.api('same')).toBe(same);
    expect(holder.current.api('written')).toBe(written);
    expect(holder.current.api('edited')?.spec.name).toBe('v2');
  });

  it('checks the route of a reused API like any other: one that lost it refuses the reload', async () => {
    await startWith(['a', '/a']);
    const remembered = source.get('api', 'a') as TykDocument;
    await source.persist({ kind: 'api', id: 'a' });
    await source.persist({ kind: 'api', id: 'b', document: api('b', '/a') });
    await source.persist({ kind: 'api', id: 'a', document: remembered });
    const result = await sut.reload();
    expect(result).toMatchObject({ ok: false });
    expect(result.errors).toEqual(['api a: listen path /a is already used by API b']);
  });

  it('refuses a whole reload that holds an invalid entity, still serving the previous registry', async () => {
    await startWith(['a', '/a']);
    const served = holder.current;
    await source.persist({ kind: 'api', id: 'b', document: api('b', '/a') });
    const result = await sut.reload();
    expect(result).toMatchObject({ ok: false, apis: 1 });
    expect(result.errors).toEqual(['api b: listen path /a is already used by API a']);
    expect(holder.current).toBe(served);
  });

  it('refuses a change whose document claims another API’s id, leaving that API as it was', async () => {
    await startWith(['victim', '/victim']);
    const served = holder.current.api('victim');
    source.emit({ kind: 'api', id: 'mine', document: api('victim', '/hijacked') });
    await sut.idle();
    expect(holder.current.api('victim')).toBe(served);
    expect(holder.current.matchPath(undefined, '/hijacked/x', '')).toBeUndefined();
    await expect(
      sut.write({ kind: 'api', id: 'mine', document: api('victim', '/hijacked') }),
    ).rejects.toThrow('expected "mine", found "victim"');
  });

  it('does not serve an inactive API, and takes it out of service when it becomes inactive', async () => {
    await startWith(['a', '/a']);
    await sut.write({ kind: 'api', id: 'a', document: api('a', '/a', { active: false }) });
    expect(holder.current.api('a')).toBeUndefined();
    expect(source.get('api', 'a')).toBeDefined();
  });

  it('applies a change made during a full build to the registry that build produced', async () => {
    await startWith(['a', '/a']);
    const reloading = sut.reload();
    const writing = sut.write({ kind: 'api', id: 'late', document: api('late', '/late') });
    await Promise.all([reloading, writing]);
    expect(holder.current.api('late')).toBeDefined();
  });

  it('shares one full build between reloads asked for while it waits', async () => {
    await startWith(['a', '/a']);
    const snapshots = source.snapshots;
    const blocker = sut.write({ kind: 'api', id: 'b', document: api('b', '/b') });
    const [first, second] = [sut.reload(), sut.reload()];
    expect(first).toBe(second);
    await Promise.all([blocker, first]);
    expect(source.snapshots).toBe(snapshots + 1);
  });
});

describe('a ConfigRuntime with partial builds (hybrid mode)', () => {
  it('serves the valid entities of a snapshot and reports the rest', async () => {
    const source = new MemorySource();
    await source.persist({ kind: 'api', id: 'good', document: api('good', '/good') });
    await source.persist({ kind: 'api', id: 'bad', document: { api_id: 'bad' } });
    const { sut, holder } = runtimeOn(source, { partialBuilds: true });
    const result = await sut.start();
    expect(result.ok).toBe(true);
    expect(result.errors).toEqual([expect.stringMatching(/^api bad: proxy/)]);
    expect(holder.current.api('good')).toBeDefined();
  });
});
