import { lazy, Suspense } from 'react';

import { Loading } from './QueryState';

export interface JsonEditorProps {
  /** The editor's accessible name, e.g. "API definition (JSON)". */
  label: string;
  value: string;
  onChange: (text: string) => void;
  /**
   * A component schema of the dashboard's OpenAPI document (e.g. `ApiscreateBody`) the text is checked
   * against as it is typed; without one only the JSON syntax is checked.
   */
  schemaName?: string;
  /** Issues the API raised on the last save, by its dotted path (`proxy.listen_path`), shown in place. */
  apiIssues?: readonly { path: string; message: string }[];
  readOnly?: boolean;
}

// CodeMirror and the schema validator are ~110 KB gzipped: fetched only when an editor is first shown.
const CodeMirrorJson = lazy(() => import('./json-editor/CodeMirrorJson'));

/** A JSON editor with syntax and schema checks, each problem listed under it with a way to jump to it. */
export function JsonEditor(props: JsonEditorProps) {
  return (
    <Suspense fallback={<Loading what="the JSON editor" />}>
      <CodeMirrorJson {...props} />
    </Suspense>
  );
}
