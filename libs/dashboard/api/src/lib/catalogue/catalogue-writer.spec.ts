import type { LogEntry, Versioned } from '@gatehouse/shared-control-plane-db';
import type { OrgId } from '@gatehouse/shared-kernel';

import type { AuditedChange, AuditRecorder } from '../audit/audit.service';
import type { Principal } from '../http/principal';
import { ACME_OWNER } from '../http/test-principal.spec-helper';
import { CatalogueWriter, type ChangeAnnouncer, type VersionedStore } from './catalogue-writer';

const principal = ACME_OWNER;

interface Fields {
  name: string;
}

/** Every step of a write, in the order it happened, across the three fakes. */
type Step = `store ${string}` | `audit ${string}` | `announce ${number}` | `unused ${number}`;

/** A collection that hands out revisions 1, 2, 3…, holds live ids, and fails writes of ids given in `failing`. */
class FakeStore implements VersionedStore<Fields> {
  private rev = 0;
  readonly live = new Set<string>();

  constructor(
    private readonly steps: Step[],
    private readonly failing = new Set<string>(),
  ) {}

  async save(orgId: OrgId, id: string, document: Record<string, unknown>, fields: Fields) {
    if (this.failing.has(id)) throw new Error(`cannot store ${id}`);
    this.steps.push(`store ${id}`);
    this.live.add(id);
    const saved: Versioned<Fields> = {
      orgId,
      id,
      rev: ++this.rev,
      deleted: false,
      updatedAt: new Date(0),
      document,
      fields,
    };
    return saved;
  }

  async create(orgId: OrgId, id: string, document: Record<string, unknown>, fields: Fields) {
    if (!this.live.has(id)) return { saved: await this.save(orgId, id, document, fields) };
    this.steps.push(`store ${id} taken`);
    const taken = { orgId, id, rev: 0, deleted: false, updatedAt: new Date(0), document: {}, fields };
    return { taken, unusedRev: ++this.rev };
  }

  async delete(_orgId: OrgId, id: string) {
    if (!this.live.delete(id)) return undefined;
    this.steps.push(`store ${id}`);
    return ++this.rev;
  }
}

class FakeAudit implements AuditRecorder {
  readonly changes: AuditedChange[] = [];

  constructor(
    private readonly steps: Step[],
    private readonly fails = false,
  ) {}

  async record(_principal: Principal, change: AuditedChange) {
    if (this.fails) throw new Error('the audit trail is unavailable');
    this.steps.push(`audit ${change.action}`);
    this.changes.push(change);
  }
}

class FakeAnnouncer implements ChangeAnnouncer {
  readonly entries: LogEntry[] = [];

  constructor(private readonly steps: Step[]) {}

  async changed(_orgId: string, rev: number, announced: LogEntry) {
    this.steps.push(`announce ${rev}`);
    this.entries.push(announced);
  }

  async unused(rev: number) {
    this.steps.push(`unused ${rev}`);
  }
}

function writer(options: { failing?: string[]; auditFails?: boolean } = {}) {
  const steps: Step[] = [];
  const store = new FakeStore(steps, new Set(options.failing));
  const audit = new FakeAudit(steps, options.auditFails);
  const announcer = new FakeAnnouncer(steps);
  const sut = new CatalogueWriter(store, 'policies', 'policy', audit, announcer);
  return { sut, steps, audit, store, announced: announcer.entries };
}

const record = (id: string) => ({ id, document: { id }, fields: { name: id } });
const entry = (action: string, id: string) => ({ action, resourceId: id, before: null, after: { id } });

describe(CatalogueWriter.name, () => {
  describe('create', () => {
    it('stores, audits and announces a new record', async () => {
      const { sut, steps } = writer();
      const created = await sut.create(principal, record('gold'), entry('create', 'gold'));
      expect(created).toMatchObject({ saved: { id: 'gold', rev: 1 } });
      expect(steps).toEqual(['store gold', 'audit create', 'announce 1']);
    });

    it('answers an existing record as taken, audits nothing, and says its revision goes unused', async () => {
      const { sut, steps, audit } = writer();
      await sut.create(principal, record('gold'), entry('create', 'gold'));
      const again = await sut.create(principal, record('gold'), entry('create', 'gold'));
      expect(again).toMatchObject({ taken: { id: 'gold' } });
      expect(steps.slice(3)).toEqual(['store gold taken', 'unused 2']);
      expect(audit.changes).toHaveLength(1);
    });
  });

  describe('save', () => {
    it('stores, audits, then announces the new revision with its entry', async () => {
      const { sut, steps, audit, announced } = writer();
      const saved = await sut.save(principal, record('gold'), entry('create', 'gold'));
      expect(saved.rev).toBe(1);
      expect(steps).toEqual(['store gold', 'audit create', 'announce 1']);
      expect(announced).toEqual([
        { kind: 'policy', id: 'gold', rev: 1, deleted: false, document: { id: 'gold' }, tags: [] },
      ]);
      expect(audit.changes).toEqual([{ ...entry('create', 'gold'), resource: 'policies' }]);
    });

    it('audits before storing when asked, so a stored record always has its entry', async () => {
      const { sut, steps } = writer();
      await sut.save(principal, record('gold'), entry('create', 'gold'), { auditFirst: true });
      expect(steps).toEqual(['audit create', 'store gold', 'announce 1']);
    });

    it('neither audits nor announces a write that failed', async () => {
      const { sut, steps } = writer({ failing: ['gold'] });
      await expect(sut.save(principal, record('gold'), entry('create', 'gold'))).rejects.toThrow(
        /cannot store/,
      );
      expect(steps).toEqual([]);
    });

    it('stores nothing when the audit entry that comes first cannot be written', async () => {
      const { sut, steps } = writer({ auditFails: true });
      await expect(
        sut.save(principal, record('gold'), entry('create', 'gold'), { auditFirst: true }),
      ).rejects.toThrow(/audit trail/);
      expect(steps).toEqual([]);
    });

    it('still announces a stored revision whose audit entry then fails, so bridges do not miss it', async () => {
      const { sut, steps } = writer({ auditFails: true });
      await expect(sut.save(principal, record('gold'), entry('create', 'gold'))).rejects.toThrow(
        /audit trail/,
      );
      expect(steps).toEqual(['store gold', 'announce 1']);
    });
  });

  describe('delete', () => {
    it("deletes, audits, then announces the tombstone's revision, without a document", async () => {
      const { sut, steps, announced } = writer();
      await sut.save(principal, record('gold'), entry('create', 'gold'));
      steps.length = 0;
      expect(await sut.delete(principal, 'gold', entry('delete', 'gold'))).toBe(true);
      expect(steps).toEqual(['store gold', 'audit delete', 'announce 2']);
      expect(announced[1]).toEqual({ kind: 'policy', id: 'gold', rev: 2, deleted: true, tags: [] });
    });

    it('audits before deleting when asked', async () => {
      const { sut, steps } = writer();
      await sut.save(principal, record('gold'), entry('create', 'gold'));
      steps.length = 0;
      await sut.delete(principal, 'gold', entry('revoke', 'gold'), { auditFirst: true });
      expect(steps).toEqual(['audit revoke', 'store gold', 'announce 2']);
    });

    it('answers false and announces nothing when there was nothing to delete', async () => {
      const { sut, steps } = writer();
      expect(await sut.delete(principal, 'missing', entry('delete', 'missing'))).toBe(false);
      expect(steps).toEqual([]);
    });
  });
});
