import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';

import { messageOf } from '../../api/api-error';
import { sessionStore } from '../../auth/session-store';
import { safeRedirect } from './sign-in-form';

/**
 * Starts the console on the session a sign-in call answers: nothing cached from a previous user
 * survives. When the call fails, `failure` is the API's message, for the form to show.
 */
export function useStartSession() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();
  const start = async (signIn: () => Promise<{ token: string }>, redirect?: string) => {
    setFailure(undefined);
    try {
      const session = await signIn();
      queryClient.clear();
      sessionStore.set({ token: session.token });
      await navigate({ to: safeRedirect(redirect) });
    } catch (error) {
      setFailure(messageOf(error));
    }
  };
  return { start, failure };
}
