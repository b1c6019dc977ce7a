import { jsonLanguage } from '@codemirror/lang-json';

import { rangeOfPointer, type TextRange } from './json-pointer-range';
import { schemaIssues, type SchemaIssue } from './schema-issues';
import type { Validator } from '@cfworker/json-schema';

/** One problem with the editor's text, located in it; `path` is the JSON pointer, or "" for syntax errors. */
export interface JsonProblem extends TextRange {
  path: string;
  message: string;
  source: 'syntax' | 'schema' | 'api';
}

function syntaxProblem(text: string, error: unknown): JsonProblem {
  const message = error instanceof Error ? error.message : String(error);
  // V8 says "... at position 42" (and, since Node 20 / Chrome 114, "(line 3 column 5)").
  const at = /position (\d+)/.exec(message);
  const from = at ? Math.min(Number(at[1]), text.length) : 0;
  return { from, to: Math.min(from + 1, text.length), path: '', message, source: 'syntax' };
}

/**
 * Everything wrong with `text` as a document: a syntax error, else what the schema (when there is one)
 * rejects, plus the issues the API raised on the last save; each placed at the member it names.
 */
export function jsonProblems(
  text: string,
  validator: Validator | undefined,
  apiIssues: readonly SchemaIssue[] = [],
): JsonProblem[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [syntaxProblem(text, error)];
  }
  const tree = jsonLanguage.parser.parse(text);
  const place = (issue: SchemaIssue, source: JsonProblem['source']): JsonProblem => ({
    ...rangeOfPointer(tree, text, issue.pointer),
    path: issue.pointer,
    message: issue.message,
    source,
  });
  const fromSchema = validator ? schemaIssues(validator, value).map((issue) => place(issue, 'schema')) : [];
  return [...apiIssues.map((issue) => place(issue, 'api')), ...fromSchema];
}
