/** A short failure announced as it appears (an invalid JSON, a refused sign-in); nothing without one. */
export function AlertText({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="error-text" role="alert">
      {message}
    </p>
  );
}
