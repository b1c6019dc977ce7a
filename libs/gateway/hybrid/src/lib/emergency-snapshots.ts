import { setImmediate as nextTurn } from 'node:timers/promises';

import type { MirrorState } from './catalogue-mirror';
import { openSnapshot, SealContext, sealSnapshot } from './emergency-seal';
import type { SnapshotStore } from './hybrid-ports';

/** Entities serialised between turns of the event loop: 10,000 APIs never stall requests at once. */
const ENTITIES_PER_TURN = 250;

async function serialise(state: MirrorState): Promise<string> {
  const parts: string[] = [];
  for (let index = 0; index < state.entities.length; index += ENTITIES_PER_TURN) {
    for (const entity of state.entities.slice(index, index + ENTITIES_PER_TURN))
      parts.push(JSON.stringify(entity));
    await nextTurn();
  }
  const head = JSON.stringify({ cursor: state.cursor, keyHashing: state.keyHashing });
  return `${head.slice(0, -1)},"entities":[${parts.join(',')}]}`;
}

/** Seals the mirror's state into regional Redis, and opens it at start. */
export class EmergencySnapshots {
  constructor(
    private readonly store: SnapshotStore,
    private readonly nodeToken: string,
    private readonly context: SealContext,
  ) {}

  async save(state: MirrorState): Promise<boolean> {
    return this.store.write(state.cursor, sealSnapshot(this.nodeToken, this.context, await serialise(state)));
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
