/** A Tyk document (API definition or policy) exactly as stored, unknown fields included. */
export type TykDocument = Record<string, unknown>;

/**
 * Where API definitions or policies live: files in standalone mode (Tyk's app_path / policy_path); the
 * bridge's snapshot in hybrid mode, where writes are refused.
 */
export interface DocumentStore {
  list(): Promise<TykDocument[]>;
  get(id: string): Promise<TykDocument | undefined>;
  /** Stores a validated document under its id, replacing any previous one. */
  save(id: string, document: TykDocument): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export interface ReloadResult {
  ok: boolean;
  apis: number;
  policies: number;
  /** Why a reload was refused: `<source>: <field>: <problem>` lines. The previous config keeps serving. */
  errors: string[];
}

/** Rebuilds what the gateway serves from its stores and swaps it in atomically. */
export interface Reloader {
  reload(): Promise<ReloadResult>;
}
