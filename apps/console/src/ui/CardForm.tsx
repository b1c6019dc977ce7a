import { useId, type FormEvent, type ReactNode } from 'react';

interface CardFormProps {
  /** The form's heading, which also names it for screen readers. */
  title: string;
  /** Validation is the form library's (messages under each field), not the browser's. */
  onSubmit: (event: FormEvent) => Promise<void>;
  children: ReactNode;
}

/** A form in a card, opened from a list page's action (a new token, an invitation). */
export function CardForm({ title, onSubmit, children }: CardFormProps) {
  const titleId = useId();
  return (
    <form className="card" aria-labelledby={titleId} noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </form>
  );
}
