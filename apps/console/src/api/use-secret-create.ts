import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';

import { ApiError } from './api-error';

/** What a create answered, split: the id may be cached, what is shown once (a secret) may not. */
export interface SecretCreated<Shown> {
  id: string;
  shown: Shown;
}

/**
 * A create whose answer holds a secret shown once (a raw key, a token, an invitation). The secret goes to
 * component state only, never into the mutation's cached data, so leaving the page forgets it.
 */
export function useSecretCreate<Values, Shown>(
  create: (values: Values) => Promise<SecretCreated<Shown>>,
  /** The list the new entry joins, refreshed after a create. */
  invalidates: QueryKey,
) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<Shown>();
  const mutation = useMutation({
    mutationFn: async (values: Values) => {
      const created = await create(values);
      setShown(created.shown);
      return created.id;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invalidates }),
  });
  /** The API's message about one of the body's members, after a refused create. */
  const issueAt = (path: string) =>
    mutation.error instanceof ApiError ? mutation.error.issueAt(path) : undefined;
  /** Drops the secret once the user has stored it (for a form that stays on the page). */
  const forget = () => {
    setShown(undefined);
    mutation.reset();
  };
  return { mutation, shown, issueAt, forget };
}
