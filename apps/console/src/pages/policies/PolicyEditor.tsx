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
  POLICY_FORM_MEMBERS,
  policyDocumentFromForm,
  policyFormFromDocument,
  policyFormSchema,
  type PolicyFormValues,
} from './policy-form';
import { POLICIES_KEY, savePolicy, type PolicyRecord } from './policy-queries';
import { PolicyFormFields } from './PolicyFormFields';

interface PolicyEditorProps {
  initial: JsonObject;
  id?: string;
  readOnly: boolean;
  onSaved?: (record: PolicyRecord) => void;
}

/** A policy as a form and as JSON (checked against the API's policy schema), kept in sync. */
export function PolicyEditor({ initial, id, readOnly, onSaved }: PolicyEditorProps) {
  const queryClient = useQueryClient();
  const form = useForm<PolicyFormValues>({
    resolver: zodResolver(policyFormSchema),
    defaultValues: policyFormFromDocument(initial),
  });
  const sync = useFormJsonSync(form, initial, {
    toForm: policyFormFromDocument,
    fromForm: policyDocumentFromForm,
  });
  const [localError, setLocalError] = useState<string>();
  const save = useMutation({
    mutationFn: (document: JsonObject) => savePolicy(id, document),
    onSuccess: async (record) => {
      sync.load(record.document);
      await queryClient.invalidateQueries({ queryKey: POLICIES_KEY });
      onSaved?.(record);
    },
  });

  const issues = save.error instanceof ApiError ? save.error.issues : [];
  const split = splitIssues(issues, POLICY_FORM_MEMBERS);
  const formErrors = form.formState.errors;
  const errors = Object.fromEntries(
    (Object.keys(POLICY_FORM_MEMBERS) as (keyof PolicyFormValues)[]).map((field) => [
      field,
      formErrors[field]?.message ?? split.fields[field],
    ]),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLocalError(undefined);
    if (sync.tab === 'form') {
      void form.handleSubmit((values) => save.mutate(policyDocumentFromForm(sync.document, values)))();
      return;
    }
    const parsed = sync.jsonDocument();
    if ('error' in parsed) setLocalError(parsed.error);
    else save.mutate(parsed.document);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={id ? 'Edit policy' : 'Create policy'}>
      {save.isError && issues.length === 0 ? (
        <ErrorMessage error={save.error} title="The policy was not saved" />
      ) : null}
      <IssueList
        title="The API refused these members of the policy:"
        issues={sync.tab === 'json' ? issues : split.others}
      />
      <FormJsonTabs
        tab={sync.tab}
        onTabChange={sync.switchTo}
        switchError={sync.jsonError}
        form={
          <fieldset className="plain" disabled={readOnly}>
            <PolicyFormFields form={form} errors={errors} isNew={id === undefined} readOnly={readOnly} />
          </fieldset>
        }
        json={
          <JsonEditor
            label="Policy (JSON)"
            value={sync.text}
            onChange={sync.setText}
            schemaName="PoliciescreateBody"
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
