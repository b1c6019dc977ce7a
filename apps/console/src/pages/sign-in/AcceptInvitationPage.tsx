import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';

import { messageOf } from '../../api/api-error';
import { api, unwrap } from '../../api/client';
import { Field } from '../../ui/Field';
import { acceptInvitationSchema, type AcceptInvitationForm } from './accept-invitation-form';
import { useStartSession } from './use-start-session';

/** An invited user chooses a password and is signed in. */
export function AcceptInvitationPage() {
  const startSession = useStartSession();
  const [failure, setFailure] = useState<string>();
  const form = useForm<AcceptInvitationForm>({
    resolver: zodResolver(acceptInvitationSchema),
    defaultValues: { invitation: '', password: '', confirm: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async ({ invitation, password }) => {
    setFailure(undefined);
    try {
      const session = await unwrap(
        api.POST('/api/v1/auth/accept-invitation', { body: { invitation, password } }),
      );
      await startSession(session.token);
    } catch (error) {
      setFailure(messageOf(error));
    }
  });

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
        {failure ? (
          <p className="error-text" role="alert">
            {failure}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={isSubmitting}>
          {isSubmitting ? 'Joining…' : 'Join'}
        </button>
        <p>
          <Link to="/login" search={{ redirect: undefined }}>
            Sign in instead
          </Link>
        </p>
      </form>
    </main>
  );
}
