import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';

import { sessionStore } from '../../auth/session-store';
import { safeRedirect } from './sign-in-form';

/** Starts the console on a new login session: nothing cached from a previous user survives. */
export function useStartSession() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (token: string, redirect?: string) => {
    queryClient.clear();
    sessionStore.set({ token });
    await navigate({ to: safeRedirect(redirect) });
  };
}
