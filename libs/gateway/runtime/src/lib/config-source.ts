import type { TykDocument } from '@gatehouse/gateway-core';

export type ConfigKind = 'api' | 'policy';

/** One API definition or policy as its source holds it. */
export interface ConfigEntry {
  kind: ConfigKind;
  id: string;
  document: TykDocument;
  /** Where it came from, for error messages: a file path, or the control plane's entity and revision. */
  origin: string;
}

/** One entity created, replaced or (without a document) deleted. */
export interface ConfigChange {
  kind: ConfigKind;
  id: string;
  /** The source's revision of this change: the control plane's, or a local counter for files. */
  rev: number;
  document?: TykDocument;
  origin: string;
}

export interface ConfigSnapshot {
  entries: ConfigEntry[];
  /** Entities that could not be read (a file that is not JSON, say): a full build refuses to apply. */
  errors: string[];
}

/** What a source tells the runtime about changes the runtime did not make itself. */
export interface ConfigListener {
  /** One entity changed: the runtime applies it alone. */
  changed(change: ConfigChange): void;
  /** Anything may have changed (files edited, a snapshot from the control plane): a full build follows. */
  replaced(): void;
}

/**
 * Where a gateway's APIs and policies come from: files and the Gateway API in standalone mode, the
 * bridge's mirror of the control plane in hybrid mode. The runtime reads a snapshot for full builds and
 * follows changes one entity at a time.
 */
export interface ConfigSource {
  snapshot(): Promise<ConfigSnapshot>;
  /** The documents of one kind held now, for the Gateway API's reads. */
  list(kind: ConfigKind): TykDocument[];
  get(kind: ConfigKind, id: string): TykDocument | undefined;
  subscribe(listener: ConfigListener): void;
  /**
   * Stores a change the runtime has accepted (a Gateway API write), and answers its origin. Absent
   * where the gateway may not write (hybrid mode: the control plane owns the config).
   */
  persist?(change: Omit<ConfigChange, 'rev' | 'origin'>): Promise<string>;
}
