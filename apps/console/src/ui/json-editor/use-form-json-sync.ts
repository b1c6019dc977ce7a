import { useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

import { formatJson, parseJsonObject, type JsonObject } from './json-document';

export type EditorTab = 'form' | 'json';

interface Mapping<Values extends FieldValues> {
  /** What the form shows of a document. */
  toForm: (document: JsonObject) => Values;
  /** The document with the form's values written in; every member the form does not show is kept. */
  fromForm: (document: JsonObject, values: Values) => JsonObject;
}

/**
 * Keeps a form and a JSON text editing the same document: switching to JSON writes the form into the
 * document; switching back reads the (valid) JSON into the form. Invalid JSON keeps you on the JSON tab,
 * saying why, rather than losing the text.
 */
export function useFormJsonSync<Values extends FieldValues>(
  form: UseFormReturn<Values>,
  initial: JsonObject,
  { toForm, fromForm }: Mapping<Values>,
  initialTab: EditorTab = 'form',
) {
  const [tab, setTab] = useState<EditorTab>(initialTab);
  const [document, setDocument] = useState(initial);
  const [text, setText] = useState(() => formatJson(initial));
  const [jsonError, setJsonError] = useState<string>();

  const switchTo = (next: EditorTab) => {
    if (next === tab) return;
    if (next === 'json') {
      const written = fromForm(document, form.getValues());
      setDocument(written);
      setText(formatJson(written));
      setJsonError(undefined);
      setTab('json');
      return;
    }
    const parsed = parseJsonObject(text);
    if ('error' in parsed) {
      setJsonError(`${parsed.error} Fix it before going back to the form.`);
      return;
    }
    setDocument(parsed.document);
    form.reset(toForm(parsed.document));
    setJsonError(undefined);
    setTab('form');
  };

  /** The JSON tab's document to save, or why it cannot be (the form tab saves through `fromForm`). */
  const jsonDocument = () => parseJsonObject(text);

  const editText = (next: string) => {
    setText(next);
    setJsonError(undefined);
  };

  /** Starts over from a document the API answered (after a save), on whichever tab is open. */
  const load = (next: JsonObject) => {
    setDocument(next);
    setText(formatJson(next));
    form.reset(toForm(next));
    setJsonError(undefined);
  };

  return { tab, switchTo, document, text, setText: editText, jsonError, jsonDocument, load };
}
