import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useForm, type DefaultValues, type FieldError, type FieldValues } from 'react-hook-form';

import { ApiError } from '../../api/api-error';
import { AlertText } from '../AlertText';
import { JsonEditor } from '../JsonEditor';
import { FormJsonTabs } from '../json-editor/FormJsonTabs';
import { IssueList } from '../json-editor/IssueList';
import { splitIssues, type SplitIssues } from '../json-editor/issue-fields';
import type { JsonObject } from '../json-editor/json-document';
import { useFormJsonSync } from '../json-editor/use-form-json-sync';
import { ErrorMessage } from '../QueryState';
import { SubmitButton } from '../SubmitButton';
import type { DocumentKind, FieldName, SavedDocument } from './document-kind';

interface DocumentEditorProps<Values extends FieldValues, Saved extends SavedDocument> {
  kind: DocumentKind<Values, Saved>;
  initial: JsonObject;
  /** The stored document's id; none when creating. */
  id?: string;
  readOnly: boolean;
  onSaved?: (record: Saved) => void;
  /**
   * A document the form cannot show (a Tyk OAS definition) is edited as JSON only, and is not checked
   * against the form's schema while typed: the API checks it on save.
   */
  jsonOnly?: boolean;
  /** Said above the editor, e.g. why only JSON is offered. */
  intro?: ReactNode;
}

/**
 * A document as a form and as JSON (checked against the API's schema), kept in sync, saved as one; the
 * API's refusals are shown under the fields that write the members it names, the rest listed by path.
 */
export function DocumentEditor<Values extends FieldValues, Saved extends SavedDocument>({
  kind,
  initial,
  id,
  readOnly,
  onSaved,
  jsonOnly = false,
  intro,
}: DocumentEditorProps<Values, Saved>) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, Values>({
    resolver: kind.resolver,
    // Complete values are also default values: TypeScript cannot see it through the generic deep partial.
    defaultValues: kind.toForm(initial) as DefaultValues<Values>,
  });
  const sync = useFormJsonSync(form, initial, kind, jsonOnly ? 'json' : 'form');
  const [localError, setLocalError] = useState<string>();
  const save = useMutation({
    mutationFn: (document: JsonObject) => kind.save(id, document),
    onSuccess: async (record) => {
      sync.load(record.document);
      await queryClient.invalidateQueries({ queryKey: kind.queryKey });
      onSaved?.(record);
    },
  });

  const issues = save.error instanceof ApiError ? save.error.issues : [];
  const split: SplitIssues<FieldName<Values>> = jsonOnly
    ? { fields: {}, others: issues }
    : splitIssues(issues, kind.members);
  // The fields are the form's top-level members, each with its own message; read through the proxy so
  // the editor re-renders when they change.
  const formErrors = form.formState.errors as Partial<Record<string, FieldError>>;
  const fieldNames = Object.keys(kind.members) as FieldName<Values>[];
  const errors: Partial<Record<FieldName<Values>, string>> = {};
  for (const field of fieldNames) errors[field] = formErrors[field]?.message ?? split.fields[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLocalError(undefined);
    if (sync.tab === 'form') {
      void form.handleSubmit((values) => save.mutate(kind.fromForm(sync.document, values)))();
      return;
    }
    const parsed = sync.jsonDocument();
    if ('error' in parsed) setLocalError(parsed.error);
    else save.mutate(parsed.document);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={`${id ? 'Edit' : 'Create'} ${kind.noun}`}>
      {save.isError && issues.length === 0 ? (
        <ErrorMessage error={save.error} title={`The ${kind.noun} was not saved`} />
      ) : null}
      {intro}
      <IssueList
        title={`The API refused these members of the ${kind.documentWord}:`}
        issues={sync.tab === 'json' ? issues : split.others}
      />
      <FormJsonTabs
        tab={sync.tab}
        onTabChange={sync.switchTo}
        switchError={sync.jsonError}
        formDisabled={jsonOnly}
        form={
          <fieldset className="plain" disabled={readOnly}>
            <kind.Fields form={form} errors={errors} isNew={id === undefined} readOnly={readOnly} />
          </fieldset>
        }
        json={
          <JsonEditor
            label={kind.jsonLabel}
            value={sync.text}
            onChange={sync.setText}
            schemaName={jsonOnly ? undefined : kind.schemaName}
            apiIssues={issues}
            readOnly={readOnly}
          />
        }
      />
      <AlertText message={localError} />
      {readOnly ? null : (
        <div className="editor-actions">
          <SubmitButton pending={save.isPending} pendingLabel="Saving…">
            Save
          </SubmitButton>
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
