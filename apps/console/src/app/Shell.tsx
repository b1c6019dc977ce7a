import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';

import { api } from '../api/client';
import { can } from '../auth/permissions';
import { sessionStore } from '../auth/session-store';
import { useMe } from '../auth/use-me';
import { useSession } from '../auth/use-session';
import { SECTIONS } from './navigation';
import { SessionExpiryNotice } from './SessionExpiryNotice';

/** The signed-in frame: skip link, navigation filtered by role, the user and sign-out, then the page. */
export function Shell() {
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();

  // The session ended (sign-out, expiry, revocation): drop cached data and go to sign-in once, coming back
  // to this page after it.
  const leaving = useRef(false);
  useEffect(() => {
    if (session || leaving.current) return;
    leaving.current = true;
    queryClient.clear();
    const redirect = `${window.location.pathname}${window.location.search}`;
    void navigate({ to: '/login', search: { redirect }, replace: true });
  }, [session, navigate, queryClient]);

  const signOut = async () => {
    // The API revokes the session; the console forgets it even if the call fails.
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    sessionStore.set(undefined);
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Gatehouse</span>
        <nav aria-label="Main">
          <ul>
            {SECTIONS.filter((section) => !section.resource || can(me, section.resource, 'read')).map(
              (section) => (
                <li key={section.to}>
                  <Link
                    to={section.to}
                    activeOptions={{ exact: section.to === '/' }}
                    activeProps={{ 'aria-current': 'page', className: 'active' }}
                  >
                    {section.label}
                  </Link>
                </li>
              ),
            )}
          </ul>
        </nav>
        <div className="user">
          <span>
            {me?.email ?? 'signed in'} <span className="badge">{me?.role}</span>
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <SessionExpiryNotice expiresAt={me?.sessionExpiresAt ?? undefined} />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
