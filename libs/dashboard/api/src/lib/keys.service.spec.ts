import { OrgKeyHashing } from '@gatehouse/shared-tyk-compat';
import { trustedOrgId } from '@gatehouse/shared-kernel';

import type { DashboardStores } from './dashboard-stores';
import { KeysService } from './keys.service';
import type { Principal } from './principal';

const principal: Principal = {
  orgId: trustedOrgId('acme'),
  userId: 'u1',
  email: 'owner@acme.example',
  role: 'owner',
  requestId: 'req-1',
};

/** Stores that record the order of writes; `failAudit` makes the audit write fail, as a crash would. */
function fakeStores(failAudit: boolean) {
  const writes: string[] = [];
  const stores = {
    audit: {
      record: async () => {
        if (failAudit) throw new Error('process killed before the audit entry was written');
        writes.push('audit');
      },
    },
    keys: {
      save: async (_org: string, id: string, document: Record<string, unknown>, fields: unknown) => {
        writes.push('key');
        return {
          orgId: principal.orgId,
          id,
          rev: 1,
          deleted: false,
          updatedAt: new Date(),
          document,
          fields,
        };
      },
    },
    policies: { get: async () => ({ id: 'gold' }) },
    apis: { get: async () => undefined },
    changes: { changed: async () => writes.push('announce') },
  };
  return { stores: stores as unknown as DashboardStores, writes };
}

describe(KeysService.name, () => {
  const hashing = new OrgKeyHashing({
    algorithm: 'hmac-sha256',
    secret: 'a-secret-of-thirty-two-characters!',
  });

  it('writes the audit entry before the key, so no stored key ever lacks one', async () => {
    const { stores, writes } = fakeStores(false);
    const sut = new KeysService(stores, 'murmur64', hashing);
    await sut.create(principal, { apply_policies: ['gold'] });
    expect(writes).toEqual(['audit', 'key', 'announce']);
  });

  it('stores no key when its audit entry cannot be written (attack review: keys without audit after a SIGKILL)', async () => {
    const { stores, writes } = fakeStores(true);
    const sut = new KeysService(stores, 'murmur64', hashing);
    await expect(sut.create(principal, { apply_policies: ['gold'] })).rejects.toThrow(/audit entry/);
    expect(writes).toEqual([]);
  });

  it("stores the org's keyed hash and the reference, never the raw key", async () => {
    const { stores } = fakeStores(false);
    const sut = new KeysService(stores, 'murmur64', hashing);
    const created = await sut.create(principal, { apply_policies: ['gold'] });
    expect(created.key_hash).toBe(hashing.hasher('acme').idOf(created.key));
    expect(JSON.stringify(created.session)).not.toContain(created.key);
  });
});
