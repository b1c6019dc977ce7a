import type { TykDocument } from '@gatehouse/gateway-core';
import type { ConfigKind, ConfigListener, ConfigSnapshot, ConfigSource } from '@gatehouse/gateway-runtime';
import { configChecksum, ServedEntity } from '@gatehouse/shared-kernel';
import type { KeyHashAlgorithm } from '@gatehouse/shared-tyk-compat';

export type EntityKind = ConfigKind;

export interface MirroredEntity {
  kind: EntityKind;
  id: string;
  rev: number;
  document: TykDocument;
}

/** The org's key hashing as the bridge sent it; the key travels only inside the sealed snapshot. */
export interface MirroredKeyHashing {
  algorithm: KeyHashAlgorithm;
  /** base64 of the org's hashing key (hmac-sha256). */
  key?: string;
}

/** What the emergency snapshot holds: everything needed to serve and to resume the Watch. */
export interface MirrorState {
  cursor: number;
  entities: MirroredEntity[];
  keyHashing?: MirroredKeyHashing;
}

export const MANAGED_BY_CONTROL_PLANE =
  'This gateway is managed by the control plane (hybrid mode): change APIs, policies and keys in the dashboard.';

function originOf(entity: Pick<MirroredEntity, 'kind' | 'id' | 'rev'>): string {
  return `control plane ${entity.kind} ${entity.id} (rev ${entity.rev})`;
}

/**
 * The control plane's APIs and policies as this gateway group receives them, and the runtime's
 * ConfigSource in hybrid mode. Changes apply by revision, so replays and re-orderings are harmless;
 * deletes leave a tombstone revision so a late, older write cannot revive an entity. Each applied
 * change reaches the runtime alone; a snapshot replaces everything (handling deletes the node missed)
 * and asks for a full build.
 */
export class CatalogueMirror implements ConfigSource {
  private entities = new Map<string, MirroredEntity>();
  private listener?: ConfigListener;
  private tombstones = new Map<string, number>();
  private staged?: MirroredEntity[];
  private appliedCursor = 0;
  private hashing?: MirroredKeyHashing;

  get keyHashing(): MirroredKeyHashing | undefined {
    return this.hashing;
  }

  /** Records how the org's keys are hashed; true when that changed (cached key lookups are then stale). */
  setKeyHashing(hashing: MirroredKeyHashing): boolean {
    const changed = this.hashing?.algorithm !== hashing.algorithm || this.hashing?.key !== hashing.key;
    this.hashing = hashing;
    return changed;
  }

  get cursor(): number {
    return this.appliedCursor;
  }

  advance(cursor: number): void {
    this.appliedCursor = Math.max(this.appliedCursor, cursor);
  }

  beginSnapshot(): void {
    this.staged = [];
  }

  stage(entity: MirroredEntity): void {
    this.staged?.push(entity);
  }

  /** Replaces everything with the staged snapshot; the cursor moves to the snapshot's, even backwards. */
  commitSnapshot(cursor: number): void {
    const staged = this.staged ?? [];
    this.staged = undefined;
    this.entities = new Map(staged.map((entity) => [`${entity.kind}:${entity.id}`, entity]));
    this.tombstones.clear();
    this.appliedCursor = cursor;
    this.listener?.replaced();
  }

  /** Applies one change; false when it is not newer than what is held (nothing changed). */
  apply(kind: EntityKind, id: string, rev: number, document: TykDocument | undefined): boolean {
    const key = `${kind}:${id}`;
    const held = this.entities.get(key)?.rev ?? this.tombstones.get(key) ?? 0;
    if (rev <= held) return false;
    if (document) {
      this.entities.set(key, { kind, id, rev, document });
      this.tombstones.delete(key);
    } else {
      this.entities.delete(key);
      this.tombstones.set(key, rev);
    }
    this.listener?.changed({ kind, id, rev, document, origin: originOf({ kind, id, rev }) });
    return true;
  }

  state(): MirrorState {
    return { cursor: this.appliedCursor, entities: [...this.entities.values()], keyHashing: this.hashing };
  }

  restore(state: MirrorState): void {
    if (state.keyHashing) this.hashing = state.keyHashing;
    this.beginSnapshot();
    for (const entity of state.entities) this.stage(entity);
    this.commitSnapshot(state.cursor);
  }

  checksum(): string {
    const served: ServedEntity[] = [...this.entities.values()].map(({ kind, id, rev }) => ({
      kind,
      id,
      rev,
    }));
    return configChecksum(served);
  }

  async snapshot(): Promise<ConfigSnapshot> {
    const entries = [...this.entities.values()].map((entity) => ({ ...entity, origin: originOf(entity) }));
    return { entries, errors: [] };
  }

  list(kind: ConfigKind): TykDocument[] {
    return [...this.entities.values()]
      .filter((entity) => entity.kind === kind)
      .map((entity) => entity.document);
  }

  get(kind: ConfigKind, id: string): TykDocument | undefined {
    return this.entities.get(`${kind}:${id}`)?.document;
  }

  subscribe(listener: ConfigListener): void {
    this.listener = listener;
  }
}
