import { zodResolver } from '@hookform/resolvers/zod';

import { DocumentEditor } from '../../ui/document-editor/DocumentEditor';
import type { DocumentKind } from '../../ui/document-editor/document-kind';
import type { JsonObject } from '../../ui/json-editor/json-document';
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

const API_DEFINITION: DocumentKind<ApiFormValues, ApiRecord> = {
  noun: 'API',
  documentWord: 'definition',
  jsonLabel: 'API definition (JSON)',
  schemaName: 'ApiscreateBody',
  resolver: zodResolver(apiFormSchema),
  members: API_FORM_MEMBERS,
  toForm: apiFormFromDefinition,
  fromForm: apiDefinitionFromForm,
  save: saveApi,
  queryKey: APIS_KEY,
  Fields: ApiFormFields,
};

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
export function ApiEditor(props: ApiEditorProps) {
  const oas = isOasDefinition(props.initial);
  return (
    <DocumentEditor
      {...props}
      kind={API_DEFINITION}
      jsonOnly={oas}
      intro={
        oas ? (
          <p className="muted">This is a Tyk OAS definition: edit it as JSON. The API checks it on save.</p>
        ) : null
      }
    />
  );
}
