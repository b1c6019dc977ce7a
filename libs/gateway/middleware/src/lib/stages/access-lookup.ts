import type { AccessDefinition, SessionState } from '@gatehouse/shared-tyk-compat';

/**
 * The key's entry for one API, or undefined; never one a plain object inherits (an API id such as
 * `constructor` or `__proto__` read Object.prototype's members as rights, and the stage then threw).
 */
export function accessFor(session: SessionState, apiId: string): AccessDefinition | undefined {
  const rights = session.access_rights;
  return Object.hasOwn(rights, apiId) ? rights[apiId] : undefined;
}

/** Whether the key lists any API: a key that lists none is a master key. */
export function listsAnyApi(session: SessionState): boolean {
  for (const apiId in session.access_rights) if (Object.hasOwn(session.access_rights, apiId)) return true;
  return false;
}
