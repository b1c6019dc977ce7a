import type { DocumentKind } from '@gatehouse/shared-kernel';
import { SetMetadata } from '@nestjs/common';

export const STORED_DOCUMENTS = 'gatehouse:stored-documents';

/** One document a request would store, and where it sits in the body (named in refusals). */
export interface BodyDocument {
  path: string;
  document: unknown;
}

export interface StoredDocumentsSpec {
  kind: DocumentKind;
  /** The documents inside the body; by default the body is one document. */
  documentsOf: (body: unknown) => BodyDocument[];
}

const wholeBody = (body: unknown): BodyDocument[] => [{ path: '', document: body }];

/** Imports that take one document or an array of them. */
export const oneOrMany = (body: unknown): BodyDocument[] =>
  Array.isArray(body) ? body.map((document, index) => ({ path: String(index), document })) : wholeBody(body);

/**
 * Declares the kind of document a route stores, so the write admission check holds the body to that
 * kind's limits before the handler runs. Write routes without it are held to the limits of `other`.
 */
export const StoredDocuments = (
  kind: DocumentKind,
  documentsOf: StoredDocumentsSpec['documentsOf'] = wholeBody,
) => SetMetadata(STORED_DOCUMENTS, { kind, documentsOf } satisfies StoredDocumentsSpec);

/** What a route without a declaration stores: its body, as one document of kind `other`. */
export const UNDECLARED_DOCUMENTS: StoredDocumentsSpec = { kind: 'other', documentsOf: wholeBody };
