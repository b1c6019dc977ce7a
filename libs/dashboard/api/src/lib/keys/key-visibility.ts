import { allows } from '@gatehouse/dashboard-domain';
import type { KeyFields, Versioned } from '@gatehouse/shared-control-plane-db';
import { keyReference } from '@gatehouse/shared-tyk-compat';

import { redact } from '../audit/redact';
import type { Principal } from '../http/principal';

/** A key as the dashboard answers it: always with its reference; with its hash only for key managers. */
export type KeyView = Versioned<KeyFields> & { ref: string };

/** The short reference the dashboard and analytics use for a key (`fields.ref`, or computed for old rows). */
export function refOf(key: Pick<Versioned<KeyFields>, 'id' | 'fields'>): string {
  return key.fields.ref || keyReference(key.id);
}

/**
 * Key hashes are lookup ids: whoever holds one can try to forge a key against it, or ask a bridge for the
 * session. Roles that may change keys see them; every other role sees the reference in place of the id.
 * Secrets inside the session (basic auth, HMAC, JWT) are masked for everyone.
 */
export function presentKey(principal: Principal, key: Versioned<KeyFields>): KeyView {
  const ref = refOf(key);
  const document = redact(key.document) as Record<string, unknown>;
  if (allows(principal.role, 'keys', 'write')) return { ...key, document, ref };
  return { ...key, id: ref, document, ref };
}

/** A key change in the change log, its id shown as {@link presentKey} shows it. */
export function presentKeyChange<C extends { kind: string; id: string }>(principal: Principal, change: C): C {
  if (change.kind !== 'key' || allows(principal.role, 'keys', 'write')) return change;
  return { ...change, id: keyReference(change.id) };
}
