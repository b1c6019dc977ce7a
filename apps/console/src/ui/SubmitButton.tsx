import type { ReactNode } from 'react';

interface SubmitButtonProps {
  /** While the submission is in flight the button is disabled, so it cannot be sent twice. */
  pending: boolean;
  /** What the button says meanwhile, e.g. "Saving…". */
  pendingLabel: string;
  children: ReactNode;
}

/** A form's primary submit button. */
export function SubmitButton({ pending, pendingLabel, children }: SubmitButtonProps) {
  return (
    <button type="submit" className="primary" disabled={pending}>
      {pending ? pendingLabel : children}
    </button>
  );
}
