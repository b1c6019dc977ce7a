import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';

import { ApiError } from '../../api/api-error';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/use-me';
import { Field } from '../../ui/Field';
import { ErrorMessage } from '../../ui/QueryState';
import { SecretOnce } from '../../ui/SecretOnce';
import { inviteFormSchema, type InviteForm } from './invite-form';
import { ROLES, roleLabel } from './roles';

/** Invites a user; the invitation is shown once, to pass on to them. */
export function InviteUserForm({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [invited, setInvited] = useState<{ email: string; invitation: string }>();
  const form = useForm<InviteForm>({
    resolver: zodResolver(inviteFormSchema),
    defaultValues: { email: '', name: '', role: 'viewer' },
  });
  const { errors } = form.formState;
  const invite = useMutation({
    // The invitation goes to component state only, never into the mutation's cached data.
    mutationFn: async (values: InviteForm) => {
      const answer = await unwrap(api.POST('/api/v1/users', { body: values }));
      setInvited({ email: answer.user.email, invitation: answer.invitation });
      return answer.user.id;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  const issue = (path: string) => (invite.error instanceof ApiError ? invite.error.issueAt(path) : undefined);
  // Only owners may invite owners (the API refuses anyone else).
  const roles = me?.role === 'owner' ? ROLES : ROLES.filter((role) => role !== 'owner');

  if (invited) {
    return (
      <SecretOnce label={`Invitation for ${invited.email}`} secret={invited.invitation} onDone={onClose} />
    );
  }
  return (
    <form
      className="card"
      aria-labelledby="invite-title"
      noValidate
      onSubmit={(event) => void form.handleSubmit((values) => invite.mutate(values))(event)}
    >
      <h2 id="invite-title">Invite a user</h2>
      <p className="muted">
        They accept the invitation by choosing a password; give it to them over a channel you trust.
      </p>
      <div className="form-row">
        <Field label="Email" error={errors.email?.message ?? issue('email')}>
          <input type="email" autoComplete="off" {...form.register('email')} />
        </Field>
        <Field label="Name" error={errors.name?.message ?? issue('name')}>
          <input autoComplete="off" {...form.register('name')} />
        </Field>
        <Field label="Role" error={errors.role?.message ?? issue('role')}>
          <select {...form.register('role')}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {invite.isError ? <ErrorMessage error={invite.error} title="The user was not invited" /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={invite.isPending}>
          {invite.isPending ? 'Inviting…' : 'Send invitation'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
