import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef } from 'react';

import type { JsonEditorProps } from '../JsonEditor';
import { dottedPathToPointer } from './json-pointer-range';
import { jsonProblems, type JsonProblem } from './json-problems';
import { useOpenApiDocument } from './openapi-document';
import { componentValidator } from './schema-issues';
import { JsonProblemList } from './JsonProblemList';
import './json-editor.css';

/** The CodeMirror 6 side of JsonEditor (its own lazy chunk). */
export default function CodeMirrorJson({
  label,
  value,
  onChange,
  schemaName,
  apiIssues,
  readOnly = false,
}: JsonEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(null);
  const openApi = useOpenApiDocument(schemaName !== undefined);
  const validator = useMemo(
    () => (openApi.data && schemaName ? componentValidator(openApi.data, schemaName) : undefined),
    [openApi.data, schemaName],
  );
  const issues = useMemo(
    () =>
      (apiIssues ?? []).map((issue) => ({
        pointer: dottedPathToPointer(issue.path),
        message: issue.message,
      })),
    [apiIssues],
  );

  // Checked off the typing path: a large definition re-validates once React is idle, not per keystroke.
  const checkedText = useDeferredValue(value);
  const problems = useMemo(
    () => jsonProblems(checkedText, validator, issues),
    [checkedText, validator, issues],
  );

  // The editor lives outside React; this ref lets its listener see the latest callback without rebuilding it.
  const latest = useRef(onChange);
  useLayoutEffect(() => {
    latest.current = onChange;
  });
  const readOnlyCompartment = useMemo(() => new Compartment(), []);

  useEffect(() => {
    if (!host.current) return undefined;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          foldGutter(),
          lintGutter(),
          history(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle),
          json(),
          // Tab is left unbound so keyboard users can leave the editor; Enter keeps the indentation.
          keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap]),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
          readOnlyCompartment.of(EditorState.readOnly.of(readOnly)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Built once per mount: later prop changes are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: readOnlyCompartment.reconfigure(EditorState.readOnly.of(readOnly)) });
  }, [readOnly, readOnlyCompartment]);

  useEffect(() => {
    const editor = view.current;
    // Positions are only valid for the text they were computed on; a newer text gets its own pass.
    if (!editor || editor.state.doc.toString() !== checkedText) return;
    const diagnostics = problems.map(({ from, to, message, source }) => ({
      from,
      to,
      message,
      source,
      severity: 'error' as const,
    }));
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
  }, [problems, checkedText]);

  const reveal = (problem: JsonProblem) => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch({ selection: { anchor: problem.from, head: problem.to }, scrollIntoView: true });
    editor.focus();
  };

  return (
    <div className="json-editor">
      {schemaName ? (
        <p className="muted json-editor-schema">
          {openApi.isError
            ? `Schema checks are unavailable (${openApi.error.message}); the API still checks on save.`
            : validator
              ? 'Checked against the dashboard API’s schema as you type.'
              : 'Loading the schema…'}
        </p>
      ) : (
        <p className="muted json-editor-schema">
          Only the JSON syntax is checked here; the API checks the rest on save.
        </p>
      )}
      <div className="json-editor-host" ref={host} />
      <JsonProblemList problems={problems} onReveal={reveal} />
    </div>
  );
}
