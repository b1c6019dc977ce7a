import { Dialog } from 'radix-ui';

import type { components } from '../../api/generated/dashboard-api';

export type AuditEntry = components['schemas']['AuditEntry'];

function Side({ title, value }: { title: string; value: unknown }) {
  return (
    <div>
      <p className="audit-side-title">{title}</p>
      {value === null || value === undefined ? (
        <p className="muted">Nothing ({title === 'Before' ? 'created here' : 'removed here'}).</p>
      ) : (
        <pre className="json">{JSON.stringify(value, null, 2)}</pre>
      )}
    </div>
  );
}

/**
 * An entry's change, opened from its row: before and after side by side need more room than a table
 * cell has. The API has already redacted secrets from both sides.
 */
export function AuditDetail({ entry }: { entry: AuditEntry }) {
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>
        <button type="button">
          Details
          <span className="visually-hidden">
            {' '}
            of {entry.action} {entry.resourceId}
          </span>
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="dialog audit-dialog">
          <Dialog.Title>
            {entry.action} {entry.resource} {entry.resourceId}
          </Dialog.Title>
          <Dialog.Description className="muted">
            By {entry.actor.email} at {new Date(entry.at).toLocaleString()}, request{' '}
            <code>{entry.requestId}</code>.
          </Dialog.Description>
          <div className="audit-sides">
            <Side title="Before" value={entry.before} />
            <Side title="After" value={entry.after} />
          </div>
          <div className="dialog-actions">
            <Dialog.Close asChild>
              <button type="button">Close</button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
