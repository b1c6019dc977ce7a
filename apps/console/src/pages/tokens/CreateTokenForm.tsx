import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';

import { ApiError } from '../../api/api-error';
import { api, unwrap } from '../../api/client';
import { Field } from '../../ui/Field';
import { ErrorMessage } from '../../ui/QueryState';
import { SecretOnce } from '../../ui/SecretOnce';
import { toTokenBody, tokenFormSchema, type TokenForm } from './token-form';
import { TOKENS_QUERY } from './tokens-query';

/** Creates a personal API token and shows it once; closing forgets it. */
export function CreateTokenForm({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [issued, setIssued] = useState<{ name: string; token: string }>();
  const form = useForm<TokenForm>({
    resolver: zodResolver(tokenFormSchema),
    defaultValues: { name: '', expiresInDays: '90' },
  });
  const { errors } = form.formState;
  const create = useMutation({
    // The token goes to component state only, never into the mutation's cached data.
    mutationFn: async (values: TokenForm) => {
      const answer = await unwrap(api.POST('/api/v1/me/tokens', { body: toTokenBody(values) }));
      setIssued({ name: answer.name, token: answer.token });
      return answer.id;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_QUERY }),
  });
  const issue = (path: string) => (create.error instanceof ApiError ? create.error.issueAt(path) : undefined);

  if (issued) return <SecretOnce label={`Token ${issued.name}`} secret={issued.token} onDone={onClose} />;

  return (
    <form
      className="card"
      aria-labelledby="new-token"
      noValidate
      onSubmit={(event) => void form.handleSubmit((values) => create.mutate(values))(event)}
    >
      <h2 id="new-token">New API token</h2>
      <div className="form-row">
        <Field
          label="Name"
          hint="What uses it, e.g. “CI deploys”."
          error={errors.name?.message ?? issue('name')}
        >
          <input {...form.register('name')} />
        </Field>
        <Field
          label="Expires in days"
          hint="Empty for a token that never expires."
          error={errors.expiresInDays?.message ?? issue('expiresInDays')}
        >
          <input inputMode="numeric" {...form.register('expiresInDays')} />
        </Field>
      </div>
      {create.isError ? <ErrorMessage error={create.error} title="The token was not created" /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
