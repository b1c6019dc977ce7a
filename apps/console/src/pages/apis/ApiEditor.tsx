import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';

import { ApiError } from '../../api/api-error';
import { JsonEditor } from '../../ui/JsonEditor';
import { FormJsonTabs } from '../../ui/json-editor/FormJsonTabs';
import { IssueList } from '../../ui/json-editor/IssueList';
import { splitIssues } from '../../ui/json-editor/issue-fields';
import type { JsonObject } from '../../ui/json-editor/json-document';
import { useFormJsonSync } from '../../ui/json-editor/use-form-json-sync';
import { ErrorMessage } from '../../ui/QueryState';
import {
  API_FORM_MEMBERS,
  apiDefinitionFromForm,
  apiFormFromDefinition,
  apiFormSchema,
  isOasDefinition,
  type ApiFormValues,
} from './api-form';
import { APIS_KEY, saveApi, type ApiRecord } from './api-queries';
import { ApiFormFields } from './ApiFormFields';

interface ApiEditorProps {
  initial: JsonObject;
  /** The stored API's id; none when creating. */
  id?: string;
  readOnly: boolean;
  onSaved?: (record: ApiRecord) => void;
}

/**
 * A classic definition's common fields as a form, and the whole definition as JSON checked against the
 * API's create schema; a Tyk OAS definition (streams included) is edited as JSON only.
 */
export function ApiEditor({ initial, id, readOnly, onSaved }: ApiEditorProps) {
  const queryClient = useQueryClient();
  const oas = isOasDefinition(initial);
  const form = useForm<ApiFormValues>({
    resolver: zodResolver(apiFormSchema),
    defaultValues: apiFormFromDefinition(initial),
  });
  const sync = useFormJsonSync(
    form,
    initial,
    { toForm: apiFormFromDefinition, fromForm: apiDefinitionFromForm },
    oas ? 'json' : 'form',
  );
  const [localError, setLocalError] = useState<string>();
  const save = useMutation({
    mutationFn: (document: JsonObject) => saveApi(id, document),
    onSuccess: async (record) => {
      sync.load(record.document);
      await queryClient.invalidateQueries({ queryKey: APIS_KEY });
      onSaved?.(record);
    },
  });

  const issues = save.error instanceof ApiError ? save.error.issues : [];
  const split = oas ? { fields: {}, others: issues } : splitIssues(issues, API_FORM_MEMBERS);
  const formErrors = form.formState.errors;
  const errors = Object.fromEntries(
    (Object.keys(API_FORM_MEMBERS) as (keyof ApiFormValues)[]).map((field) => [
      field,
      formErrors[field]?.message ?? split.fields[field],
    ]),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLocalError(undefined);
    if (sync.tab === 'form') {
      void form.handleSubmit((values) => save.mutate(apiDefinitionFromForm(sync.document, values)))();
      return;
    }
    const parsed = sync.jsonDocument();
    if ('error' in parsed) setLocalError(parsed.error);
    else save.mutate(parsed.document);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={id ? 'Edit API' : 'Create API'}>
      {save.isError && issues.length === 0 ? (
        <ErrorMessage error={save.error} title="The API was not saved" />
      ) : null}
      {oas ? (
        <p className="muted">This is a Tyk OAS definition: edit it as JSON. The API checks it on save.</p>
      ) : null}
      <IssueList
        title="The API refused these members of the definition:"
        issues={sync.tab === 'json' ? issues : split.others}
      />
      <FormJsonTabs
        tab={sync.tab}
        onTabChange={sync.switchTo}
        switchError={sync.jsonError}
        formDisabled={oas}
        form={
          <fieldset className="plain" disabled={readOnly}>
            <ApiFormFields form={form} errors={errors} isNew={id === undefined} />
          </fieldset>
        }
        json={
          <JsonEditor
            label="API definition (JSON)"
            value={sync.text}
            onChange={sync.setText}
            schemaName={oas ? undefined : 'ApiscreateBody'}
            apiIssues={issues}
            readOnly={readOnly}
          />
        }
      />
      {localError ? (
        <p className="error-text" role="alert">
          {localError}
        </p>
      ) : null}
      {readOnly ? null : (
        <div className="editor-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
          {save.isSuccess ? (
            <span className="notice" role="status">
              Saved (revision {save.data.rev}).
            </span>
          ) : null}
        </div>
      )}
    </form>
  );
}
