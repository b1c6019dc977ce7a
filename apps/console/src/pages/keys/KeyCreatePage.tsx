import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';

import { ApiError } from '../../api/api-error';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/use-me';
import { Field } from '../../ui/Field';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorMessage } from '../../ui/QueryState';
import { SecretOnce } from '../../ui/SecretOnce';
import { emptyKeyForm, keyFormSchema, toKeyBody, type KeyForm } from './key-form';
import { LimitFields } from './LimitFields';
import { MultiPicker } from './MultiPicker';
import './keys.css';

/** The raw key lives only in this component's state: leaving the page forgets it. */
interface Created {
  key: string;
  ref: string;
}

export function KeyCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [created, setCreated] = useState<Created>();
  const form = useForm<KeyForm>({ resolver: zodResolver(keyFormSchema), defaultValues: emptyKeyForm });
  const { errors } = form.formState;
  const mode = useWatch({ control: form.control, name: 'mode' });

  const create = useMutation({
    // The answer holds the raw key: it goes to component state, never into the mutation's cached data.
    mutationFn: async (values: KeyForm) => {
      const answer = await unwrap(api.POST('/api/v1/keys', { body: toKeyBody(values) }));
      setCreated({ key: answer.key, ref: answer.ref });
      return answer.ref;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['keys'] }),
  });
  const apiIssue = (path: string) =>
    create.error instanceof ApiError ? create.error.issueAt(path) : undefined;

  if (created) {
    return (
      <div className="keys-area">
        <PageHeader title="Key created" />
        <SecretOnce
          label={`Key ${created.ref}`}
          secret={created.key}
          onDone={() => void navigate({ to: '/keys/$hash', params: { hash: created.ref } })}
        />
      </div>
    );
  }

  return (
    <div className="keys-area">
      <PageHeader
        title="Create key"
        actions={<Link to="/keys">Back to keys</Link>}
        description="The key is shown once, right after it is created."
      />
      {can(me, 'keys', 'write') ? (
        <form
          onSubmit={(event) => void form.handleSubmit((values) => create.mutate(values))(event)}
          noValidate
        >
          <div className="form-row">
            <Field label="Alias" hint="A name people recognise the key by." error={errors.alias?.message}>
              <input {...form.register('alias')} />
            </Field>
            <Field
              label="Expires"
              hint="Leave empty for a key that never expires (your time zone)."
              error={errors.expires?.message ?? apiIssue('expires')}
            >
              <input type="datetime-local" {...form.register('expires')} />
            </Field>
          </div>
          <fieldset className="choice">
            <legend className="visually-hidden">Limits come from</legend>
            <label>
              <input type="radio" value="policies" {...form.register('mode')} /> From policies
            </label>
            <label>
              <input type="radio" value="limits" {...form.register('mode')} /> Explicit limits
            </label>
          </fieldset>
          {mode === 'policies' ? (
            <Controller
              control={form.control}
              name="policies"
              render={({ field }) => (
                <MultiPicker
                  kind="policies"
                  legend="Policies"
                  value={field.value}
                  onChange={field.onChange}
                  error={errors.policies?.message ?? apiIssue('apply_policies')}
                />
              )}
            />
          ) : (
            <LimitFields form={form} apiIssue={apiIssue} />
          )}
          {create.isError ? <ErrorMessage error={create.error} title="The key was not created" /> : null}
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create key'}
          </button>
        </form>
      ) : (
        <p className="state">Your role may read keys but not create them.</p>
      )}
    </div>
  );
}
