import type { TykDocument } from '@gatehouse/gateway-core';
import type { ConfigKind, EntityChange } from '@gatehouse/gateway-runtime';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '@gatehouse/shared-kernel';

import { API_KIND } from './definition-kinds';
import { DefinitionService, DefinitionWriter } from './definition.service';

/** What the runtime does for the service: store a change unless told to refuse it. */
class MemoryConfig implements DefinitionWriter {
  readonly documents = new Map<string, TykDocument>();
  readonly writes: EntityChange[] = [];
  refuseWith?: Error;

  list(kind: ConfigKind): TykDocument[] {
    return kind === 'api' ? [...this.documents.values()] : [];
  }

  get(kind: ConfigKind, id: string): TykDocument | undefined {
    return kind === 'api' ? this.documents.get(id) : undefined;
  }

  async write(change: EntityChange): Promise<void> {
    if (this.refuseWith) throw this.refuseWith;
    this.writes.push(change);
    if (change.document) this.documents.set(change.id, change.document);
    else this.documents.delete(change.id);
  }
}

const api = (id: string, listenPath = `/${id}/`) => ({
  api_id: id,
  proxy: { listen_path: listenPath, target_url: 'http://up' },
});

describe(DefinitionService.name, () => {
  let config: MemoryConfig;
  let sut: DefinitionService;

  beforeEach(() => {
    config = new MemoryConfig();
    sut = new DefinitionService(API_KIND, config, config);
  });

  it('validates a new API and hands it to the writer once', async () => {
    expect(await sut.create(api('orders'))).toBe('orders');
    expect(config.writes).toEqual([{ kind: 'api', id: 'orders', document: api('orders') }]);
    expect(sut.get('orders')).toEqual(api('orders'));
    expect(sut.list()).toEqual([api('orders')]);
  });

  it('writes nothing invalid', async () => {
    await expect(sut.create({ api_id: 'x' })).rejects.toThrow(InvalidInputError);
    await expect(sut.create([1, 2])).rejects.toThrow('the request body must be a JSON object');
    expect(config.writes).toEqual([]);
  });

  it('refuses to create an id that exists with 409', async () => {
    await sut.create(api('orders'));
    await expect(sut.create(api('orders', '/other/'))).rejects.toThrow(
      new ConflictError('API already exists'),
    );
    expect(config.writes).toHaveLength(1);
  });

  it('passes on what the writer refuses (a listen-path clash), leaving the stored document as it was', async () => {
    await sut.create(api('orders'));
    config.refuseWith = new ConflictError('listen path /x is already used by API x');
    await expect(sut.update('orders', api('orders', '/x/'))).rejects.toThrow('already used by API x');
    expect(sut.get('orders')).toEqual(api('orders'));
  });

  it('insists the id in the path matches the document on update', async () => {
    await sut.create(api('orders'));
    await expect(sut.update('orders', api('billing'))).rejects.toThrow('Request APIID does not match');
    await expect(sut.update('missing', api('missing'))).rejects.toThrow(NotFoundError);
  });

  it('deletes through the writer, and answers "API not found" for unknown ids', async () => {
    await sut.create(api('orders'));
    await sut.delete('orders');
    expect(config.writes.at(-1)).toEqual({ kind: 'api', id: 'orders' });
    expect(() => sut.get('orders')).toThrow('API not found');
    await expect(sut.delete('nope')).rejects.toThrow('API not found');
  });

  it('refuses every write when read-only, saying why', async () => {
    const readOnly = new DefinitionService(API_KIND, config, config, 'managed by the control plane');
    await expect(readOnly.create(api('orders'))).rejects.toThrow(ForbiddenError);
    await expect(readOnly.delete('orders')).rejects.toThrow('managed by the control plane');
    expect(config.writes).toEqual([]);
  });
});
