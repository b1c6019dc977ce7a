import { DebouncedInput } from './DebouncedInput';
import { Field } from './Field';

interface SearchFieldProps {
  /** What the server searches, e.g. "Name or ID". */
  hint: string;
  value: string | undefined;
  /** An empty search is `undefined`, so it stays out of the URL. */
  onCommit: (q: string | undefined) => void;
}

/** A list's free-text search, sent to the server once typing pauses. */
export function SearchField({ hint, value, onCommit }: SearchFieldProps) {
  return (
    <Field label="Search" hint={hint}>
      <DebouncedInput type="search" value={value ?? ''} onCommit={(q) => onCommit(q || undefined)} />
    </Field>
  );
}
