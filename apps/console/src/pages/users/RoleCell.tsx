import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/use-me';
import { ErrorMessage } from '../../ui/QueryState';
import { roleChoices, roleLabel, type Role, type User } from './roles';

/** A user's role: a select for whoever may change it, plain text for everyone else. */
export function RoleCell({ user }: { user: User }) {
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const choices = roleChoices(me, user);
  const change = useMutation({
    mutationFn: (role: Role) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { role } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });

  if (choices.length === 0) return <>{roleLabel(user.role)}</>;
  return (
    <>
      <select
        aria-label={`Role of ${user.name || user.email}`}
        value={change.isPending ? change.variables : user.role}
        disabled={change.isPending}
        onChange={(event) => change.mutate(event.target.value as Role)}
      >
        {choices.map((role) => (
          <option key={role} value={role}>
            {roleLabel(role)}
          </option>
        ))}
      </select>
      {change.isError ? <ErrorMessage error={change.error} title="The role was not changed" /> : null}
    </>
  );
}
