import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';

import { api, unwrap } from '../../api/client';
import { AlertText } from '../../ui/AlertText';
import { Field } from '../../ui/Field';
import { SubmitButton } from '../../ui/SubmitButton';
import { acceptInvitationSchema, type AcceptInvitationForm } from './accept-invitation-form';
import { useStartSession } from './use-start-session';

/** An invited user chooses a password and is signed in. */
export function AcceptInvitationPage() {
  const { start, failure } = useStartSession();
  const form = useForm<AcceptInvitationForm>({
    resolver: zodResolver(acceptInvitationSchema),
    defaultValues: { invitation: '', password: '', confirm: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(({ invitation, password }) =>
    start(() => unwrap(api.POST('/api/v1/auth/accept-invitation', { body: { invitation, password } }))),
  );

  return (
    <main id="main" className="sign-in">
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="accept-title">
        <h1 id="accept-title">Join your organisation</h1>
        <p className="muted">Paste the invitation an administrator gave you and choose your password.</p>
        <Field label="Invitation" error={errors.invitation?.message}>
          <input autoComplete="off" {...form.register('invitation')} />
        </Field>
        <Field label="New password" error={errors.password?.message} hint="At least 12 characters">
          <input type="password" autoComplete="new-password" {...form.register('password')} />
        </Field>
        <Field label="Repeat the password" error={errors.confirm?.message}>
          <input type="password" autoComplete="new-password" {...form.register('confirm')} />
        </Field>
        <AlertText message={failure} />
        <SubmitButton pending={isSubmitting} pendingLabel="Joining…">
          Join
        </SubmitButton>
        <p>
          <Link to="/login" search={{ redirect: undefined }}>
            Sign in instead
          </Link>
        </p>
      </form>
    </main>
  );
}
