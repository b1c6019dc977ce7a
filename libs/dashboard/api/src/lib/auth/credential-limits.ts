import type { ThrottleKey } from '@gatehouse/dashboard-data-access';
import { throttleSource } from '@gatehouse/shared-kernel';

/**
 * Failed logins one client address may make at one account per window (15 minutes). Keyed by account
 * and address together, so a guesser elsewhere cannot lock the owner out (a lockout per account alone
 * let anyone lock any account).
 */
export const ACCOUNT_FAILURES_PER_SOURCE = 10;

/** Failed logins one client address may make across all accounts per window: an office behind one NAT fits. */
export const LOGIN_FAILURES_PER_SOURCE = 100;

/** Wrong platform admin secrets one client address may send per window. */
export const ADMIN_SECRET_FAILURES_PER_SOURCE = 10;

/**
 * What a login attempt counts against. `clientIp` is the socket's address (Fastify's `request.ip`
 * without trustProxy): forwarded headers are the caller's to forge.
 */
export function loginThrottleKeys(
  org: string,
  email: string,
  clientIp: string | undefined,
): { account: ThrottleKey; source: ThrottleKey } {
  const source = throttleSource(clientIp);
  return {
    account: { key: JSON.stringify(['login', org, email, source]), limit: ACCOUNT_FAILURES_PER_SOURCE },
    source: { key: JSON.stringify(['login', source]), limit: LOGIN_FAILURES_PER_SOURCE },
  };
}

/** What an attempt at the platform admin secret counts against. */
export function adminSecretThrottleKey(clientIp: string | undefined): ThrottleKey {
  return {
    key: JSON.stringify(['admin-secret', throttleSource(clientIp)]),
    limit: ADMIN_SECRET_FAILURES_PER_SOURCE,
  };
}
