import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/use-me';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorMessage } from '../../ui/QueryState';
import { mayChangeState, type User } from './roles';

/** Deactivates (ending every session and token of the user) or reactivates, after a confirmation. */
export function UserStateCell({ user }: { user: User }) {
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (active: boolean) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { active } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  if (!mayChangeState(me, user)) return null;
  const who = user.name || user.email;
  return (
    <>
      {user.active ? (
        <ConfirmButton
          label="Deactivate"
          title={`Deactivate ${who}?`}
          confirmLabel="Deactivate user"
          onConfirm={() => change.mutate(false)}
          disabled={change.isPending}
        >
          <p>
            They are signed out everywhere and their API tokens are revoked. You can reactivate them later.
          </p>
        </ConfirmButton>
      ) : (
        <ConfirmButton
          label="Reactivate"
          title={`Reactivate ${who}?`}
          confirmLabel="Reactivate user"
          onConfirm={() => change.mutate(true)}
          disabled={change.isPending}
        >
          <p>They can sign in again with their role. Their old API tokens stay revoked.</p>
        </ConfirmButton>
      )}
      {change.isError ? <ErrorMessage error={change.error} title="The user was not changed" /> : null}
    </>
  );
}
