import type { TykDocument } from '@gatehouse/gateway-core';
import type { ConfigKind, EntityChange } from '@gatehouse/gateway-runtime';
import { ForbiddenError } from '@gatehouse/shared-kernel';

import { OAS_API_KIND } from './definition-kinds';
import { DefinitionService, DefinitionWriter } from './definition.service';
import { OasApiService } from './oas-api.service';

/** The gateway's config as the service sees it: what is stored, and every write it was handed. */
class MemoryConfig implements DefinitionWriter {
  readonly writes: EntityChange[] = [];

  constructor(readonly documents: Map<string, TykDocument>) {}

  list(kind: ConfigKind): TykDocument[] {
    return kind === 'api' ? [...this.documents.values()] : [];
  }

  get(kind: ConfigKind, id: string): TykDocument | undefined {
    return kind === 'api' ? this.documents.get(id) : undefined;
  }

  async write(change: EntityChange): Promise<void> {
    this.writes.push(change);
  }
}

const oas = (id: string) => ({
  openapi: '3.0.3',
  info: { title: id, version: '1' },
  paths: {},
  'x-tyk-api-gateway': {
    info: { id, name: id, state: { active: true } },
    upstream: { url: 'http://up' },
    server: { listenPath: { value: `/${id}/` } },
  },
});

describe(OasApiService.name, () => {
  it('refuses every write of a read-only gateway with 403 before looking at the body', async () => {
    const config = new MemoryConfig(new Map([['orders', oas('orders')]]));
    const sut = new OasApiService(
      new DefinitionService(OAS_API_KIND, config, config, 'managed by the control plane'),
    );
    const refused = new ForbiddenError('managed by the control plane');
    await expect(sut.create(oas('new'))).rejects.toThrow(refused);
    await expect(sut.create({ openapi: '3.0.3' })).rejects.toThrow(refused);
    await expect(sut.update('orders', oas('orders'))).rejects.toThrow(refused);
    await expect(sut.update('missing', [])).rejects.toThrow(refused);
    await expect(sut.patch('orders', { openapi: '3.0.3' })).rejects.toThrow(refused);
    await expect(sut.delete('orders')).rejects.toThrow(refused);
    expect(config.writes).toEqual([]);
    expect(sut.get('orders')).toEqual(oas('orders'));
  });
});
