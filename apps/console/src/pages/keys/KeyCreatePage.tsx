import { zodResolver } from '@hookform/resolvers/zod';
import { Link, useNavigate } from '@tanstack/react-router';
import { Controller, useForm, useWatch } from 'react-hook-form';

import { api, unwrap } from '../../api/client';
import { useSecretCreate } from '../../api/use-secret-create';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/use-me';
import { Field } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { PageHeader } from '../../ui/PageHeader';
import { SecretOnce } from '../../ui/SecretOnce';
import { emptyKeyForm, keyFormSchema, toKeyBody, type KeyForm } from './key-form';
import { LimitFields } from './LimitFields';
import { MultiPicker } from './MultiPicker';
import './keys.css';

export function KeyCreatePage() {
  const navigate = useNavigate();
  const { data: me } = useMe();
  const form = useForm<KeyForm>({ resolver: zodResolver(keyFormSchema), defaultValues: emptyKeyForm });
  const { errors } = form.formState;
  const mode = useWatch({ control: form.control, name: 'mode' });

  // The raw key lives only in this component's state: leaving the page forgets it.
  const { mutation, shown, issueAt } = useSecretCreate(
    async (values: KeyForm) => {
      const answer = await unwrap(api.POST('/api/v1/keys', { body: toKeyBody(values) }));
      return { id: answer.ref, shown: { key: answer.key, ref: answer.ref } };
    },
    ['keys'],
  );

  if (shown) {
    return (
      <div className="keys-area">
        <PageHeader title="Key created" />
        <SecretOnce
          label={`Key ${shown.ref}`}
          secret={shown.key}
          onDone={() => void navigate({ to: '/keys/$hash', params: { hash: shown.ref } })}
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
          onSubmit={(event) => void form.handleSubmit((values) => mutation.mutate(values))(event)}
          noValidate
        >
          <div className="form-row">
            <Field label="Alias" hint="A name people recognise the key by." error={errors.alias?.message}>
              <input {...form.register('alias')} />
            </Field>
            <Field
              label="Expires"
              hint="Leave empty for a key that never expires (your time zone)."
              error={errors.expires?.message ?? issueAt('expires')}
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
                  error={errors.policies?.message ?? issueAt('apply_policies')}
                />
              )}
            />
          ) : (
            <LimitFields form={form} apiIssue={issueAt} />
          )}
          <FormActions
            submission={mutation}
            failureTitle="The key was not created"
            submitLabel="Create key"
            pendingLabel="Creating…"
          />
        </form>
      ) : (
        <p className="state">Your role may read keys but not create them.</p>
      )}
    </div>
  );
}
