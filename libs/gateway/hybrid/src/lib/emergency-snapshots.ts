import type { MirrorState } from './catalogue-mirror';
import { openSnapshot, SealContext, sealSnapshot } from './emergency-seal';
import type { SnapshotStore } from './hybrid-ports';

/** Seals the mirror's state into regional Redis after each applied change, and opens it at start. */
export class EmergencySnapshots {
  constructor(
    private readonly store: SnapshotStore,
    private readonly nodeToken: string,
    private readonly context: SealContext,
  ) {}

  async save(state: MirrorState): Promise<boolean> {
    return this.store.write(state.cursor, sealSnapshot(this.nodeToken, this.context, JSON.stringify(state)));
  }

  /** The stored state, or undefined when there is none or it cannot be opened with this node's token. */
  async load(): Promise<MirrorState | undefined> {
    const blob = await this.store.read();
    if (!blob) return undefined;
    const plaintext = openSnapshot(this.nodeToken, this.context, blob);
    if (!plaintext) return undefined;
    const state = JSON.parse(plaintext) as MirrorState;
    return Number.isInteger(state.cursor) && Array.isArray(state.entities) ? state : undefined;
  }
}
