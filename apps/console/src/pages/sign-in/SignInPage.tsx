import { zodResolver } from '@hookform/resolvers/zod';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';

import { api, unwrap } from '../../api/client';
import { sessionStore } from '../../auth/session-store';
import { AlertText } from '../../ui/AlertText';
import { Field } from '../../ui/Field';
import { SubmitButton } from '../../ui/SubmitButton';
import { signInSchema, type SignInForm } from './sign-in-form';
import { useStartSession } from './use-start-session';

/** Sign-in with organisation, email and password; says why the previous session ended, if it did. */
export function SignInPage() {
  const search = useSearch({ strict: false }) as { redirect?: string };
  const { start, failure } = useStartSession();
  const [ended] = useState(() => sessionStore.takeEndReason());
  const form = useForm<SignInForm>({
    resolver: zodResolver(signInSchema),
    defaultValues: { org: '', email: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit((values) =>
    start(() => unwrap(api.POST('/api/v1/auth/login', { body: values })), search.redirect),
  );

  return (
    <main id="main" className="sign-in">
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Gatehouse</h1>
        {ended ? (
          <p className="banner" role="status">
            {ended}
          </p>
        ) : null}
        <Field label="Organisation" error={errors.org?.message}>
          <input autoComplete="organization" {...form.register('org')} />
        </Field>
        <Field label="Email" error={errors.email?.message}>
          <input type="email" autoComplete="username" {...form.register('email')} />
        </Field>
        <Field label="Password" error={errors.password?.message}>
          <input type="password" autoComplete="current-password" {...form.register('password')} />
        </Field>
        <AlertText message={failure} />
        <SubmitButton pending={isSubmitting} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
        <p>
          Invited? <Link to="/accept-invitation">Join with your invitation</Link>
        </p>
      </form>
    </main>
  );
}
