import type { TykDocument } from '@gatehouse/gateway-core';
import type {
  ConfigChange,
  ConfigEntry,
  ConfigKind,
  ConfigListener,
  ConfigSnapshot,
  ConfigSource,
} from '@gatehouse/gateway-runtime';
import { InvalidInputError } from '@gatehouse/shared-kernel';
import type { StructuredLogger } from '@gatehouse/shared-observability';
import { setImmediate as nextTurn } from 'node:timers/promises';

import { FolderWatch } from './folder-watch';
import type { JsonFolderStore } from './json-folder.store';

const FILES_PER_TURN = 1000;

export interface DefinitionFolderPaths {
  /** The store of each kind, or the setting to name when it is not configured (writes are refused). */
  api: JsonFolderStore | string;
  policy: JsonFolderStore | string;
}

interface Held {
  document: TykDocument;
  origin: string;
}

/**
 * A standalone gateway's configuration: Tyk's app_path and policy_path folders, read whole for a
 * snapshot and held in memory, so the Gateway API's reads and checks cost O(1) and its writes O(that
 * document): one file written, one entry replaced. Files edited by hand reach the gateway through a
 * full reload (`/tyk/reload`, or the folder watch when `watch_files` is on).
 */
export class DefinitionFolders implements ConfigSource {
  private held: Record<ConfigKind, Map<string, Held>> = { api: new Map(), policy: new Map() };
  private listener?: ConfigListener;
  private watch?: FolderWatch;

  constructor(private readonly stores: DefinitionFolderPaths) {}

  async snapshot(): Promise<ConfigSnapshot> {
    const [apis, policies] = await Promise.all([this.read('api'), this.read('policy')]);
    this.held = { api: apis.held, policy: policies.held };
    await nextTurn();
    return {
      entries: [...this.entries('policy'), ...this.entries('api')],
      errors: [...apis.errors, ...policies.errors],
    };
  }

  list(kind: ConfigKind): TykDocument[] {
    return [...this.held[kind].values()].map((entry) => entry.document);
  }

  get(kind: ConfigKind, id: string): TykDocument | undefined {
    return this.held[kind].get(id)?.document;
  }

  subscribe(listener: ConfigListener): void {
    this.listener = listener;
  }

  /** Files edited on disk (not through the Gateway API) make the runtime read everything again. */
  watchFiles(folders: string[], logger: StructuredLogger): void {
    this.watch ??= new FolderWatch(() => this.listener?.replaced(), logger);
    this.watch.start(folders);
  }

  stopWatching(): void {
    this.watch?.stop();
  }

  async persist(change: Omit<ConfigChange, 'rev' | 'origin'>): Promise<string> {
    const store = this.stores[change.kind];
    if (typeof store === 'string')
      throw new InvalidInputError([{ path: store, message: `${store} is not set in the gateway config` }]);
    this.watch?.wrote(store.fileOf(change.id));
    if (!change.document) {
      await store.delete(change.id);
      this.held[change.kind].delete(change.id);
      return store.fileOf(change.id);
    }
    await store.save(change.id, change.document);
    const origin = store.fileOf(change.id);
    this.held[change.kind].set(change.id, { document: change.document, origin });
    return origin;
  }

  private entries(kind: ConfigKind): ConfigEntry[] {
    return [...this.held[kind]].map(([id, { document, origin }]) => ({ kind, id, document, origin }));
  }

  private async read(kind: ConfigKind): Promise<{ held: Map<string, Held>; errors: string[] }> {
    const store = this.stores[kind];
    const held = new Map<string, Held>();
    if (typeof store === 'string') return { held, errors: [] };
    const { loaded, errors } = await store.readAll();
    await nextTurn();
    // A turn for requests every FILES_PER_TURN files: indexing 10,000 in one go held the loop 8-10 ms.
    for (const [index, file] of loaded.entries()) {
      for (const document of file.documents) held.set(store.idOf(document), { document, origin: file.file });
      if (index % FILES_PER_TURN === FILES_PER_TURN - 1) await nextTurn();
    }
    return { held, errors };
  }
}
