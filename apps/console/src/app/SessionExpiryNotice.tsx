import { useEffect, useState } from 'react';

import { sessionStore } from '../auth/session-store';

const WARN_BEFORE_MS = 10 * 60_000;

/** Warns ten minutes before the session ends and signs out when it does, instead of failing the next click. */
export function SessionExpiryNotice({ expiresAt }: { expiresAt?: string }) {
  const [now, setNow] = useState(() => Date.now());
  const ends = expiresAt ? Date.parse(expiresAt) : Number.NaN;

  useEffect(() => {
    if (Number.isNaN(ends)) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, [ends]);

  useEffect(() => {
    if (!Number.isNaN(ends) && now >= ends) sessionStore.expire('Your session expired. Sign in again.');
  }, [now, ends]);

  if (Number.isNaN(ends) || ends - now > WARN_BEFORE_MS) return null;
  const minutes = Math.max(1, Math.round((ends - now) / 60_000));
  return (
    <p className="banner" role="status">
      Your session ends in about {minutes} minute{minutes === 1 ? '' : 's'}. Save your work and sign in again.
    </p>
  );
}
