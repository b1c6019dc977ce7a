import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import { api, unwrap } from '../../api/client';
import { useSecretCreate } from '../../api/use-secret-create';
import { useMe } from '../../auth/use-me';
import { CardForm } from '../../ui/CardForm';
import { Field } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { SecretOnce } from '../../ui/SecretOnce';
import { inviteFormSchema, type InviteForm } from './invite-form';
import { ROLES, roleLabel } from './roles';

/** Invites a user; the invitation is shown once, to pass on to them. */
export function InviteUserForm({ onClose }: { onClose: () => void }) {
  const { data: me } = useMe();
  const form = useForm<InviteForm>({
    resolver: zodResolver(inviteFormSchema),
    defaultValues: { email: '', name: '', role: 'viewer' },
  });
  const { errors } = form.formState;
  const { mutation, shown, issueAt } = useSecretCreate(
    async (values: InviteForm) => {
      const answer = await unwrap(api.POST('/api/v1/users', { body: values }));
      return { id: answer.user.id, shown: { email: answer.user.email, invitation: answer.invitation } };
    },
    ['users'],
  );
  // Only owners may invite owners (the API refuses anyone else).
  const roles = me?.role === 'owner' ? ROLES : ROLES.filter((role) => role !== 'owner');

  if (shown) {
    return <SecretOnce label={`Invitation for ${shown.email}`} secret={shown.invitation} onDone={onClose} />;
  }
  return (
    <CardForm title="Invite a user" onSubmit={form.handleSubmit((values) => mutation.mutate(values))}>
      <p className="muted">
        They accept the invitation by choosing a password; give it to them over a channel you trust.
      </p>
      <div className="form-row">
        <Field label="Email" error={errors.email?.message ?? issueAt('email')}>
          <input type="email" autoComplete="off" {...form.register('email')} />
        </Field>
        <Field label="Name" error={errors.name?.message ?? issueAt('name')}>
          <input autoComplete="off" {...form.register('name')} />
        </Field>
        <Field label="Role" error={errors.role?.message ?? issueAt('role')}>
          <select {...form.register('role')}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <FormActions
        submission={mutation}
        failureTitle="The user was not invited"
        submitLabel="Send invitation"
        pendingLabel="Inviting…"
        onCancel={onClose}
      />
    </CardForm>
  );
}
