import { zodResolver } from '@hookform/resolvers/zod';

import { DocumentEditor } from '../../ui/document-editor/DocumentEditor';
import type { DocumentKind } from '../../ui/document-editor/document-kind';
import type { JsonObject } from '../../ui/json-editor/json-document';
import {
  POLICY_FORM_MEMBERS,
  policyDocumentFromForm,
  policyFormFromDocument,
  policyFormSchema,
  type PolicyFormValues,
} from './policy-form';
import { POLICIES_KEY, savePolicy, type PolicyRecord } from './policy-queries';
import { PolicyFormFields } from './PolicyFormFields';

const POLICY: DocumentKind<PolicyFormValues, PolicyRecord> = {
  noun: 'policy',
  documentWord: 'policy',
  jsonLabel: 'Policy (JSON)',
  schemaName: 'PoliciescreateBody',
  resolver: zodResolver(policyFormSchema),
  members: POLICY_FORM_MEMBERS,
  toForm: policyFormFromDocument,
  fromForm: policyDocumentFromForm,
  save: savePolicy,
  queryKey: POLICIES_KEY,
  Fields: PolicyFormFields,
};

interface PolicyEditorProps {
  initial: JsonObject;
  id?: string;
  readOnly: boolean;
  onSaved?: (record: PolicyRecord) => void;
}

/** A policy as a form and as JSON (checked against the API's policy schema), kept in sync. */
export function PolicyEditor(props: PolicyEditorProps) {
  return <DocumentEditor {...props} kind={POLICY} />;
}
