import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState, type ReactNode } from 'react';

import { api, unwrap } from '../../api/client';
import { Can } from '../../auth/Can';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorMessage } from '../../ui/QueryState';
import { keyQueryKey, type KeyView } from './key-format';

interface ConfirmKeyActionProps {
  verb: string;
  onConfirm: () => void;
  disabled: boolean;
  /** What the action does, said in the confirmation. */
  children: ReactNode;
}

/** "Revoke" asks "Revoke this key?" and confirms with "Revoke key": every key action words it alike. */
function ConfirmKeyAction({ verb, onConfirm, disabled, children }: ConfirmKeyActionProps) {
  return (
    <ConfirmButton
      label={verb}
      title={`${verb} this key?`}
      confirmLabel={`${verb} key`}
      onConfirm={onConfirm}
      disabled={disabled}
    >
      {children}
    </ConfirmButton>
  );
}

/** Reset quota, activate or deactivate, revoke: for roles that may change keys. */
export function KeyActions({ keyView }: { keyView: KeyView }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [done, setDone] = useState<string>();
  const path = { params: { path: { hash: keyView.ref } } };
  const inactive = Boolean(keyView.fields.inactive);

  const settle = (message: string) => (saved: KeyView) => {
    queryClient.setQueryData(keyQueryKey(keyView.ref), saved);
    void queryClient.invalidateQueries({ queryKey: ['keys'] });
    setDone(message);
  };
  const resetQuota = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/keys/{hash}/reset-quota', path)),
    onSuccess: settle('Quota reset: gateways start a fresh quota period.'),
  });
  const toggle = useMutation({
    // The session goes back as read, secrets masked: the API keeps the stored secrets for masked fields.
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/keys/{hash}', { ...path, body: { ...keyView.document, is_inactive: !inactive } }),
      ),
    onSuccess: settle(inactive ? 'Key activated.' : 'Key deactivated: gateways refuse it.'),
  });
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/keys/{hash}', path)),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: keyQueryKey(keyView.ref) });
      await queryClient.invalidateQueries({ queryKey: ['keys'] });
      await navigate({ to: '/keys' });
    },
  });
  const actions = [resetQuota, toggle, revoke];
  const busy = actions.some((action) => action.isPending);
  const failed = actions.find((action) => action.isError);
  // Only the latest action's outcome is shown: an old error must not hide a later success.
  const run = (action: (typeof actions)[number]) => {
    for (const other of actions) other.reset();
    setDone(undefined);
    action.mutate();
  };
  // The button just used may be replaced (Deactivate → Activate): keyboard focus moves to what happened.
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done || failed) outcome.current?.focus();
  }, [done, failed]);

  return (
    <Can resource="keys" verb="write">
      <section aria-labelledby="key-actions" className="key-actions">
        <h2 id="key-actions">Actions</h2>
        <div className="actions">
          <button type="button" onClick={() => run(resetQuota)} disabled={busy}>
            Reset quota
          </button>
          {inactive ? (
            <button type="button" onClick={() => run(toggle)} disabled={busy}>
              Activate
            </button>
          ) : (
            <ConfirmKeyAction verb="Deactivate" onConfirm={() => run(toggle)} disabled={busy}>
              <p>Gateways refuse the key until it is activated again.</p>
            </ConfirmKeyAction>
          )}
          <ConfirmKeyAction verb="Revoke" onConfirm={() => run(revoke)} disabled={busy}>
            <p>
              Gateways refuse key <span className="mono">{keyView.ref}</span> from their next sync. This
              cannot be undone.
            </p>
          </ConfirmKeyAction>
        </div>
        <div aria-live="polite" ref={outcome} tabIndex={-1}>
          {done && !failed ? <p className="notice">{done}</p> : null}
          {failed ? <ErrorMessage error={failed.error} title="The key was not changed" /> : null}
        </div>
      </section>
    </Can>
  );
}
