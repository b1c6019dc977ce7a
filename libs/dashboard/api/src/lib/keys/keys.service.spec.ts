import type {
  ApiRepository,
  KeyFields,
  KeyRepository,
  PolicyRepository,
} from '@gatehouse/shared-control-plane-db';
import { OrgKeyHashing } from '@gatehouse/shared-tyk-compat';

import type { AuditRecorder } from '../audit/audit.service';
import { CatalogueWriter, type VersionedStore } from '../catalogue/catalogue-writer';
import { ACME_OWNER } from '../http/test-principal.spec-helper';
import { KeysService } from './keys.service';

const principal = ACME_OWNER;

const hashing = new OrgKeyHashing({
  algorithm: 'hmac-sha256',
  secret: 'a-secret-of-thirty-two-characters!',
});

/**
 * The service with its real writer over stores that record the order of writes; `failAudit` makes the
 * audit write fail, as a crash would.
 */
function keysService(failAudit: boolean) {
  const writes: string[] = [];
  const keys: VersionedStore<KeyFields> = {
    save: async (orgId, id, document, fields) => {
      writes.push('key');
      return { orgId, id, rev: 1, deleted: false, updatedAt: new Date(), document, fields };
    },
    create: async () => {
      throw new Error('keys are saved, never created (their ids are fresh hashes)');
    },
    delete: async () => undefined,
  };
  const audit: AuditRecorder = {
    record: async () => {
      if (failAudit) throw new Error('process killed before the audit entry was written');
      writes.push('audit');
    },
  };
  const writer = new CatalogueWriter(keys, 'keys', 'key', audit, {
    changed: async (_orgId, _rev, announced) => {
      // A session never travels in an announcement: regions back-fill keys from the bridge.
      if (announced.document !== undefined) throw new Error('a key was announced with its session');
      writes.push('announce');
    },
    unused: async () => {
      throw new Error('a key write never leaves a revision unused');
    },
  });
  const policies = { get: async () => ({ id: 'gold' }) } as unknown as PolicyRepository;
  const apis = { get: async () => undefined } as unknown as ApiRepository;
  const sut = new KeysService(keys as unknown as KeyRepository, policies, apis, writer, 'murmur64', hashing);
  return { sut, writes };
}

describe(KeysService.name, () => {
  it('writes the audit entry before the key, so no stored key ever lacks one', async () => {
    const { sut, writes } = keysService(false);
    await sut.create(principal, { apply_policies: ['gold'] });
    expect(writes).toEqual(['audit', 'key', 'announce']);
  });

  it('stores no key when its audit entry cannot be written (attack review: keys without audit after a SIGKILL)', async () => {
    const { sut, writes } = keysService(true);
    await expect(sut.create(principal, { apply_policies: ['gold'] })).rejects.toThrow(/audit entry/);
    expect(writes).toEqual([]);
  });

  it("stores the org's keyed hash and the reference, never the raw key", async () => {
    const { sut } = keysService(false);
    const created = await sut.create(principal, { apply_policies: ['gold'] });
    expect(created.key_hash).toBe(hashing.hasher('acme').idOf(created.key));
    expect(JSON.stringify(created.session)).not.toContain(created.key);
  });
});
