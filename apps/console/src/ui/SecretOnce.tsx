import { useState } from 'react';

/**
 * A secret the API shows once (a raw key, a node token, a personal API token): shown with a copy button
 * and a warning, never stored by the console.
 */
export function SecretOnce({ label, secret, onDone }: { label: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const copy = () =>
    navigator.clipboard.writeText(secret).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <section className="secret" aria-labelledby="secret-title">
      <h2 id="secret-title">{label}</h2>
      <p className="warning" role="note">
        Copy it now: it is shown only this once and cannot be recovered. Store it like a password.
      </p>
      <div className="secret-value">
        <code data-testid="secret-value">{secret}</code>
        <button type="button" onClick={copy}>
          Copy
        </button>
      </div>
      <p role="status" aria-live="polite" className="muted">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'Copy failed: select the text and copy it.'
            : ''}
      </p>
      <button type="button" className="primary" onClick={onDone}>
        I have stored it
      </button>
    </section>
  );
}
