/*
 * The login session of this browser tab. The token lives in sessionStorage: it survives a reload but not
 * the tab, and is never written to localStorage or a cookie another tab or site could reuse.
 */

const STORAGE_KEY = 'gatehouse.session';

export interface StoredSession {
  token: string;
}

type Listener = (session: StoredSession | undefined) => void;

const listeners = new Set<Listener>();
/** Why the last session ended on its own (expired or revoked), shown on the sign-in page once. */
let endedBecause: string | undefined;

function read(): StoredSession | undefined {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    return typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as StoredSession).token === 'string'
      ? (parsed as StoredSession)
      : undefined;
  } catch {
    return undefined;
  }
}

let current = read();

export const sessionStore = {
  get(): StoredSession | undefined {
    return current;
  },
  set(session: StoredSession | undefined): void {
    current = session;
    if (session) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else window.sessionStorage.removeItem(STORAGE_KEY);
    for (const listener of listeners) listener(session);
  },
  /**
   * Ends the session because the API refused it (401), remembering why for the sign-in page. `token` is
   * the one the refused call carried: a late answer to a call of an earlier session (signed out, then
   * someone signed in on this tab) says nothing about the current one, and must not end it. Without
   * one (the session's own expiry time passed), the current session ends.
   */
  expire(reason: string, token?: string): void {
    if (!current || (token !== undefined && token !== current.token)) return;
    endedBecause = reason;
    sessionStore.set(undefined);
  },
  /** Why the previous session ended, once. */
  takeEndReason(): string | undefined {
    const reason = endedBecause;
    endedBecause = undefined;
    return reason;
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
