import type { QueryKey } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import type { FieldValues, Resolver, UseFormReturn } from 'react-hook-form';

import type { JsonObject } from '../json-editor/json-document';

/** What a save answers: the editor starts over from the stored document and shows its revision. */
export interface SavedDocument {
  document: JsonObject;
  rev: number;
}

export type FieldName<Values extends FieldValues> = Extract<keyof Values, string>;

export interface DocumentFieldsProps<Values extends FieldValues> {
  form: UseFormReturn<Values>;
  /** Per field, the form's own message, else the API's about a member the field writes. */
  errors: Partial<Record<FieldName<Values>, string>>;
  isNew: boolean;
  readOnly: boolean;
}

/** What the document editor needs to know about one kind of document (an API definition, a policy). */
export interface DocumentKind<Values extends FieldValues, Saved extends SavedDocument> {
  /** Names the form ("Create API", "Edit policy") and its failure ("The API was not saved"). */
  noun: string;
  /** What the members the API refuses belong to ("definition", "policy"). */
  documentWord: string;
  /** The JSON editor's accessible name. */
  jsonLabel: string;
  /** The OpenAPI component schema the JSON is checked against as it is typed. */
  schemaName: string;
  resolver: Resolver<Values>;
  /** Per form field, the document members it writes: the API's issues on them are shown under it. */
  members: Record<FieldName<Values>, readonly string[]>;
  /** What the form shows of a document. */
  toForm: (document: JsonObject) => Values;
  /** The document with the form's values written in; members the form does not show are kept. */
  fromForm: (document: JsonObject, values: Values) => JsonObject;
  /** Creates (no id) or replaces the document. */
  save: (id: string | undefined, document: JsonObject) => Promise<Saved>;
  /** Every query about this kind of document, stale after a save. */
  queryKey: QueryKey;
  Fields: ComponentType<DocumentFieldsProps<Values>>;
}

/** The query of one stored document of a kind (its page), under the kind's key so writes make it stale. */
export function documentQueryKey(kind: { queryKey: QueryKey }, id: string): QueryKey {
  return [...kind.queryKey, 'one', id];
}
