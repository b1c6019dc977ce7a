import { useEffect, useState, type InputHTMLAttributes } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

/**
 * A text input that reports its value once typing pauses, so a server-side filter is not queried per
 * keystroke. Enter reports at once.
 */
export function DebouncedInput({
  value,
  onCommit,
  delayMs = 300,
  ...props
}: InputProps & { value: string; onCommit: (value: string) => void; delayMs?: number }) {
  const [draft, setDraft] = useState(value);
  const [committed, setCommitted] = useState(value);

  // The committed value can change from outside (back/forward, "Clear filters"): show it.
  if (committed !== value) {
    setCommitted(value);
    setDraft(value);
  }

  useEffect(() => {
    if (draft === value) return undefined;
    const timer = setTimeout(() => onCommit(draft), delayMs);
    return () => clearTimeout(timer);
  }, [draft, value, onCommit, delayMs]);

  return (
    <input
      {...props}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          onCommit(draft);
        }
      }}
    />
  );
}
