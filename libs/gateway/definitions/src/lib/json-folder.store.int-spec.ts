import { temporaryDirectory } from '@gatehouse/shared-testing';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { apiDefinitionFolder, policyFolder } from './tyk-file-stores';

/** Called before each of the store's file reads (the real read follows): lets a spec see when they run. */
let beforeRead = (): void => undefined;
jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  return {
    ...actual,
    readFileSync: (...args: Parameters<typeof actual.readFileSync>) => {
      beforeRead();
      return actual.readFileSync(...args);
    },
  };
});

function folder(): string {
  return temporaryDirectory('gatehouse-defs-');
}

describe('Tyk definition files (real filesystem)', () => {
  it('reads one API per file and writes them back unchanged', async () => {
    const dir = folder();
    const definition = {
      api_id: 'orders',
      name: 'Orders',
      custom_plugin_field: { kept: true },
      proxy: { listen_path: '/o/' },
    };
    writeFileSync(join(dir, 'orders.json'), JSON.stringify(definition));
    const sut = apiDefinitionFolder(dir);
    expect(await sut.get('orders')).toEqual(definition);
    await sut.save('billing', { api_id: 'billing', proxy: { listen_path: '/b/' } });
    expect(JSON.parse(readFileSync(join(dir, 'billing.json'), 'utf8'))).toEqual({
      api_id: 'billing',
      proxy: { listen_path: '/b/' },
    });
    expect((await sut.list()).map((api) => api['api_id'])).toEqual(['billing', 'orders']);
    expect(await sut.delete('orders')).toBe(true);
    expect(await sut.delete('orders')).toBe(false);
  });

  it('makes the folder on the first write into it', async () => {
    const dir = join(folder(), 'not', 'yet');
    const sut = apiDefinitionFolder(dir);
    expect(await sut.list()).toEqual([]);
    await sut.save('orders', { api_id: 'orders' });
    await sut.save('billing', { api_id: 'billing' });
    expect((await sut.list()).map((api) => api['api_id'])).toEqual(['billing', 'orders']);
  });

  it('reports an unreadable file instead of skipping it silently', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'broken.json'), '{ "api_id": ');
    const { loaded, errors } = await apiDefinitionFolder(dir).readAll();
    expect(loaded).toEqual([]);
    expect(errors).toEqual([expect.stringContaining('broken.json')]);
  });

  it('reads a large folder in file-name order', async () => {
    const dir = folder();
    const ids = Array.from({ length: 300 }, (_, i) => `api-${String(i).padStart(3, '0')}`);
    for (const [i, id] of ids.entries())
      writeFileSync(
        join(dir, `${id}.json`),
        JSON.stringify({ api_id: id, padding: 'x'.repeat((i * 7919) % 50_000) }),
      );
    writeFileSync(join(dir, 'api-150-broken.json'), '[');
    writeFileSync(join(dir, 'api-151-scalar.json'), '42');

    const { loaded, errors } = await apiDefinitionFolder(dir).readAll();

    expect(loaded.map((file) => file.documents[0]?.['api_id'])).toEqual(ids);
    expect(errors).toEqual([
      expect.stringContaining('api-150-broken.json'),
      expect.stringMatching(/api-151-scalar\.json: expected a JSON object or array/),
    ]);
  });

  it('lets other callbacks run between its reads of a large folder', async () => {
    const dir = folder();
    for (let i = 0; i < 3000; i++)
      writeFileSync(
        join(dir, `api-${i}.json`),
        JSON.stringify({ api_id: `api-${i}`, padding: 'x'.repeat(2000) }),
      );
    let turns = 0;
    let counting = true;
    const countTurns = (): void => {
      turns++;
      if (counting) setImmediate(countTurns);
    };
    setImmediate(countTurns);
    const turnOfEachRead: number[] = [];
    beforeRead = () => void turnOfEachRead.push(turns);
    try {
      expect((await apiDefinitionFolder(dir).readAll()).loaded).toHaveLength(3000);
    } finally {
      beforeRead = () => undefined;
      counting = false;
    }
    expect(turnOfEachRead).toHaveLength(3000);
    // Read in one go, all 3,000 reads would see the same turn.
    expect(new Set(turnOfEachRead).size).toBeGreaterThan(3);
  });

  it('answers the same object for a file whose text did not change, and a new one once it did', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'kept.json'), JSON.stringify({ api_id: 'kept', name: 'v1' }));
    writeFileSync(join(dir, 'edited.json'), JSON.stringify({ api_id: 'edited', name: 'v1' }));
    const sut = apiDefinitionFolder(dir);
    const written = { api_id: 'written', name: 'v1' };
    await sut.save('written', written);
    const [kept, edited] = [await sut.get('kept'), await sut.get('edited')];

    writeFileSync(join(dir, 'edited.json'), JSON.stringify({ api_id: 'edited', name: 'v2' }));
    expect(await sut.get('kept')).toBe(kept);
    expect(await sut.get('written')).toBe(written);
    const again = await sut.get('edited');
    expect(again).not.toBe(edited);
    expect(again).toEqual({ api_id: 'edited', name: 'v2' });
    // Gone and back with the same text: read afresh, as nothing is remembered for a missing file.
    await sut.delete('written');
    await sut.list();
    writeFileSync(join(dir, 'written.json'), `${JSON.stringify(written, null, 2)}\n`);
    expect(await sut.get('written')).not.toBe(written);
  });

  it("reads Tyk's policies.json map, taking ids from the keys", async () => {
    const dir = folder();
    const file = join(dir, 'policies.json');
    writeFileSync(
      file,
      JSON.stringify({ gold: { rate: 100, per: 1, access_rights: {} }, silver: { id: 'silver', rate: 10 } }),
    );
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ id: 'ignored', rate: 1 }));
    const policies = await policyFolder(file).list();
    expect(policies.map((policy) => policy['id'])).toEqual(['gold', 'silver']);
  });

  it('refuses ids that would escape the folder', async () => {
    await expect(apiDefinitionFolder(folder()).save('../evil', { api_id: '../evil' })).rejects.toThrow(
      'cannot be used as a file name',
    );
  });
});
