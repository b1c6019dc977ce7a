import type { AccessDefinition, SessionState } from '@gatehouse/shared-tyk-compat';

type AccessRights = SessionState['access_rights'];

/** The rights as (API id, entry) pairs in one flat array; a Map for keys holding many. */
type Lookup = readonly (string | AccessDefinition)[] | ReadonlyMap<string, AccessDefinition>;

const LOOKUP = Symbol('access rights lookup');
const MANY_RIGHTS = 16;

type WithLookup = SessionState & { [LOOKUP]?: { rights: AccessRights; lookup: Lookup } };

/**
 * A session's `access_rights` is keyed by API ids, so with thousands of APIs nearly every key's object
 * has a shape of its own, and reading it by id (`rights[apiId]`) went through V8's megamorphic lookup
 * cache, which thousands of shapes thrash for every other reader too (Node's own `nextTick` rose from
 * 0.4 % to 4–5 % of a 10,000-API gateway's time). The rights are read once into pairs kept on the
 * session (whose shape all sessions share), checked against the rights object in case it was replaced.
 */
function lookupOf(session: SessionState): Lookup {
  const held = session as WithLookup;
  const cached = held[LOOKUP];
  if (cached?.rights === session.access_rights) return cached.lookup;
  const entries = Object.entries(session.access_rights);
  const lookup = entries.length > MANY_RIGHTS ? new Map(entries) : entries.flat();
  Object.defineProperty(held, LOOKUP, {
    value: { rights: session.access_rights, lookup },
    enumerable: false,
    configurable: true,
    writable: true,
  });
  return lookup;
}

/** The key's entry for one API, or undefined; never one inherited from Object.prototype. */
export function accessFor(session: SessionState, apiId: string): AccessDefinition | undefined {
  const lookup = lookupOf(session);
  if (lookup instanceof Map) return lookup.get(apiId);
  const pairs = lookup as readonly (string | AccessDefinition)[];
  for (let at = 0; at < pairs.length; at += 2)
    if (pairs[at] === apiId) return pairs[at + 1] as AccessDefinition;
  return undefined;
}

/** Whether the key lists any API: a key that lists none is a master key. */
export function listsAnyApi(session: SessionState): boolean {
  const lookup = lookupOf(session);
  if (lookup instanceof Map) return lookup.size > 0;
  return (lookup as readonly unknown[]).length > 0;
}
