import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import { api, unwrap } from '../../api/client';
import { useSecretCreate } from '../../api/use-secret-create';
import { CardForm } from '../../ui/CardForm';
import { Field } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { SecretOnce } from '../../ui/SecretOnce';
import { toTokenBody, tokenFormSchema, type TokenForm } from './token-form';
import { TOKENS_QUERY } from './tokens-query';

/** Creates a personal API token and shows it once; closing forgets it. */
export function CreateTokenForm({ onClose }: { onClose: () => void }) {
  const form = useForm<TokenForm>({
    resolver: zodResolver(tokenFormSchema),
    defaultValues: { name: '', expiresInDays: '90' },
  });
  const { errors } = form.formState;
  const { mutation, shown, issueAt } = useSecretCreate(async (values: TokenForm) => {
    const answer = await unwrap(api.POST('/api/v1/me/tokens', { body: toTokenBody(values) }));
    return { id: answer.id, shown: { name: answer.name, token: answer.token } };
  }, TOKENS_QUERY);

  if (shown) return <SecretOnce label={`Token ${shown.name}`} secret={shown.token} onDone={onClose} />;

  return (
    <CardForm title="New API token" onSubmit={form.handleSubmit((values) => mutation.mutate(values))}>
      <div className="form-row">
        <Field
          label="Name"
          hint="What uses it, e.g. “CI deploys”."
          error={errors.name?.message ?? issueAt('name')}
        >
          <input {...form.register('name')} />
        </Field>
        <Field
          label="Expires in days"
          hint="Empty for a token that never expires."
          error={errors.expiresInDays?.message ?? issueAt('expiresInDays')}
        >
          <input inputMode="numeric" {...form.register('expiresInDays')} />
        </Field>
      </div>
      <FormActions
        submission={mutation}
        failureTitle="The token was not created"
        submitLabel="Create token"
        pendingLabel="Creating…"
        onCancel={onClose}
      />
    </CardForm>
  );
}
