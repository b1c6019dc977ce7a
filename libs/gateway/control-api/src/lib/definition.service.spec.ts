import type { DocumentStore, Reloader, ReloadResult, TykDocument } from '@gatehouse/gateway-core';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '@gatehouse/shared-kernel';

import { API_KIND } from './definition-kinds';
import { DefinitionService } from './definition.service';

class MemoryStore implements DocumentStore {
  readonly documents = new Map<string, TykDocument>();
  async list() {
    return [...this.documents.values()];
  }
  async get(id: string) {
    return this.documents.get(id);
  }
  async save(id: string, document: TykDocument) {
    this.documents.set(id, document);
  }
  async delete(id: string) {
    return this.documents.delete(id);
  }
}

class FakeReloader implements Reloader {
  reloads = 0;
  next: ReloadResult = { ok: true, apis: 0, policies: 0, errors: [] };
  async reload() {
    this.reloads++;
    return this.next;
  }
}

const api = (id: string, listenPath = `/${id}/`) => ({
  api_id: id,
  proxy: { listen_path: listenPath, target_url: 'http://up' },
});

describe(DefinitionService.name, () => {
  let store: MemoryStore;
  let reloader: FakeReloader;
  let sut: DefinitionService;

  beforeEach(() => {
    store = new MemoryStore();
    reloader = new FakeReloader();
    sut = new DefinitionService(API_KIND, store, reloader);
  });

  it('validates, stores and reloads a new API', async () => {
    expect(await sut.create(api('orders'))).toBe('orders');
    expect(store.documents.get('orders')).toEqual(api('orders'));
    expect(reloader.reloads).toBe(1);
  });

  it('stores nothing invalid', async () => {
    await expect(sut.create({ api_id: 'x' })).rejects.toThrow(InvalidInputError);
    await expect(sut.create([1, 2])).rejects.toThrow('the request body must be a JSON object');
    expect(store.documents.size).toBe(0);
    expect(reloader.reloads).toBe(0);
  });

  it('refuses duplicates and listen-path clashes with 409', async () => {
    await sut.create(api('orders'));
    await expect(sut.create(api('orders'))).rejects.toThrow(ConflictError);
    await expect(sut.create(api('other', '/orders/'))).rejects.toThrow(
      'listen path /orders/ is already used by API orders',
    );
  });

  it('rolls a write back when the reload refuses the new set', async () => {
    await sut.create(api('orders'));
    reloader.next = { ok: false, apis: 1, policies: 0, errors: ['other.json: broken'] };
    await expect(sut.update('orders', api('orders', '/changed/'))).rejects.toThrow('other.json: broken');
    expect(store.documents.get('orders')).toEqual(api('orders'));
    await expect(sut.create(api('billing'))).rejects.toThrow(InvalidInputError);
    expect(store.documents.has('billing')).toBe(false);
  });

  it('insists the id in the path matches the document on update', async () => {
    await sut.create(api('orders'));
    await expect(sut.update('orders', api('billing'))).rejects.toThrow('Request APIID does not match');
    await expect(sut.update('missing', api('missing'))).rejects.toThrow(NotFoundError);
  });

  it('answers "API not found" for unknown ids', async () => {
    await expect(sut.get('nope')).rejects.toThrow('API not found');
    await expect(sut.delete('nope')).rejects.toThrow('API not found');
  });

  it('refuses every write when read-only, saying why', async () => {
    const readOnly = new DefinitionService(API_KIND, store, reloader, 'managed by the control plane');
    await expect(readOnly.create(api('orders'))).rejects.toThrow(ForbiddenError);
    await expect(readOnly.delete('orders')).rejects.toThrow('managed by the control plane');
  });
});
