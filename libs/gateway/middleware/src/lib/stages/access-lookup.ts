import type { AccessDefinition, SessionState } from '@gatehouse/shared-tyk-compat';

type AccessRights = SessionState['access_rights'];

const byApiId = new WeakMap<AccessRights, ReadonlyMap<string, AccessDefinition>>();

/**
 * A session's `access_rights` as a Map, built once per rights object. The object is keyed by API ids,
 * so with thousands of APIs nearly every key's object has a shape of its own, and reading it by API id
 * went through V8's megamorphic lookup cache, which thousands of shapes thrash for every other reader
 * too. A session held by the key cache is read on every request; its rights object is never changed in
 * place (a change makes a new session), so the Map stays true to it.
 */
export function accessRightsOf(rights: AccessRights): ReadonlyMap<string, AccessDefinition> {
  let map = byApiId.get(rights);
  if (!map) {
    map = new Map(Object.entries(rights));
    byApiId.set(rights, map);
  }
  return map;
}
