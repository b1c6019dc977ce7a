import { useSyncExternalStore } from 'react';

import { sessionStore } from './session-store';

/** The stored session, re-rendering when it starts or ends (sign-in, sign-out, a 401). */
export function useSession() {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.get);
}
