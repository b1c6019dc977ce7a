import type { TykDocument } from '@gatehouse/gateway-core';

import type { EntityChange } from './change-compiler';
import type { ConfigKind, ConfigSnapshot } from './config-source';
import { TimeSlicer } from './yield-slices';

/** One difference between a snapshot and what is served, with where it came from for messages. */
export type SnapshotChange = EntityChange & { origin: string };

interface Applied {
  document: TykDocument;
  /** The comparison pass that last found this entity in a snapshot. */
  seen: number;
}

const KINDS: readonly ConfigKind[] = ['policy', 'api'];

/**
 * The document each served entity was last applied from. Sources answer the very same object for an
 * entity they did not replace (a file whose text did not change, a mirrored entity with no new revision),
 * so comparing by identity tells what a snapshot changes without reading, hashing or compiling anything.
 */
export class AppliedDocuments {
  private readonly byKind: Record<ConfigKind, Map<string, Applied>> = { api: new Map(), policy: new Map() };
  private passes = 0;

  record(kind: ConfigKind, id: string, document: TykDocument | undefined): void {
    if (document) this.byKind[kind].set(id, { document, seen: this.passes });
    else this.byKind[kind].delete(id);
  }

  /**
   * What `snapshot` changes against what was applied: entities whose document is another object (or
   * new), policies first, then deletions. Undefined when a comparison cannot say, because the snapshot has
   * unreadable entries or an entity twice, or when more than `max` changed: a full build decides then.
   * One pass over the snapshot, handing the event loop back every `sliceMs` (10,000 entries take
   * milliseconds).
   */
  async changesIn(
    snapshot: ConfigSnapshot,
    max: number,
    sliceMs: number,
  ): Promise<SnapshotChange[] | undefined> {
    if (snapshot.errors.length > 0) return undefined;
    const pass = ++this.passes;
    const changed: Record<ConfigKind, SnapshotChange[]> = { policy: [], api: [] };
    const changedKeys = new Set<string>();
    const slicer = new TimeSlicer(sliceMs);
    for (const entry of snapshot.entries) {
      const applied = this.byKind[entry.kind].get(entry.id);
      if (applied?.seen === pass) return undefined;
      if (applied) applied.seen = pass;
      if (applied?.document !== entry.document) {
        const key = `${entry.kind}:${entry.id}`;
        if (changedKeys.has(key) || changedKeys.size === max) return undefined;
        changedKeys.add(key);
        const { kind, id, document, origin } = entry;
        changed[kind].push({ kind, id, document, origin });
      }
      await slicer.maybeYield();
    }
    const changes = [...changed.policy, ...changed.api];
    for (const kind of KINDS) {
      for (const [id, applied] of this.byKind[kind]) {
        if (applied.seen === pass) continue;
        if (changes.length === max) return undefined;
        changes.push({ kind, id, origin: `${kind} ${id} (no longer in the source)` });
      }
    }
    return changes;
  }
}
