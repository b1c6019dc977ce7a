import { ErrorMessage } from './QueryState';
import { SubmitButton } from './SubmitButton';

interface FormActionsProps {
  /** The submission (a mutation): pending disables the button, a failure shows the API's message. */
  submission: { isPending: boolean; isError: boolean; error: unknown };
  /** Says what did not happen, above the API's message, e.g. "The token was not created". */
  failureTitle: string;
  submitLabel: string;
  /** What the submit button says while pending, e.g. "Creating…". */
  pendingLabel: string;
  /** Offers a Cancel button where the form can be closed. */
  onCancel?: () => void;
}

/** A create form's foot: why the last submission failed, then submit (and cancel). */
export function FormActions({
  submission,
  failureTitle,
  submitLabel,
  pendingLabel,
  onCancel,
}: FormActionsProps) {
  return (
    <>
      {submission.isError ? <ErrorMessage error={submission.error} title={failureTitle} /> : null}
      <div className="actions">
        <SubmitButton pending={submission.isPending} pendingLabel={pendingLabel}>
          {submitLabel}
        </SubmitButton>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </>
  );
}
