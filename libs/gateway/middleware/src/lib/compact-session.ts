import type { SessionState } from '@gatehouse/shared-tyk-compat';

import type { StringInterner } from './string-interner';

const NO_ITEMS: readonly never[] = Object.freeze([]);
const NO_FIELDS: Readonly<Record<string, never>> = Object.freeze({});
const NO_BASIC_AUTH = Object.freeze({ password: '', hash_type: '' });
const NO_JWT = Object.freeze({ secret: '' });
/** What Tyk writes into nearly every access right. */
const DEFAULT_VERSION_ONLY: readonly string[] = Object.freeze(['Default']);

function isEmptyObject(value: object): boolean {
  for (const _ in value) return false;
  return true;
}

function hasOnly(value: object, fields: Record<string, string>): boolean {
  let count = 0;
  for (const [name, expected] of Object.entries(value)) {
    if (fields[name] !== expected) return false;
    count++;
  }
  return count === Object.keys(fields).length;
}

/**
 * Swaps a cached session's empty lists and maps, its blank basic-auth and JWT data and its
 * `['Default']` version lists for frozen values every session shares, and its organisation and API ids
 * and names for the interner's copies. The key cache holds up to 100,000 sessions, most with empty
 * tags, metadata and URL lists: shared, those cost nothing per key (about a quarter of a small
 * session). Only for sessions nothing writes to again, as the cache's: a write to a shared value throws.
 */
export function compactSession(session: SessionState, strings: StringInterner): SessionState {
  session.org_id = strings.intern(session.org_id);
  if (session.tags.length === 0) session.tags = NO_ITEMS as never[];
  if (session.apply_policies.length === 0) session.apply_policies = NO_ITEMS as never[];
  if (isEmptyObject(session.meta_data)) session.meta_data = NO_FIELDS;
  if (session.basic_auth_data && hasOnly(session.basic_auth_data, NO_BASIC_AUTH)) {
    session.basic_auth_data = NO_BASIC_AUTH as typeof session.basic_auth_data;
  }
  if (session.jwt_data && hasOnly(session.jwt_data, NO_JWT)) {
    session.jwt_data = NO_JWT as typeof session.jwt_data;
  }
  for (const access of Object.values(session.access_rights)) {
    access.api_id = strings.intern(access.api_id);
    access.api_name = strings.intern(access.api_name);
    if (access.versions.length === 0) access.versions = NO_ITEMS as never[];
    else if (access.versions.length === 1 && access.versions[0] === 'Default')
      access.versions = DEFAULT_VERSION_ONLY as string[];
    if (access.allowed_urls.length === 0) access.allowed_urls = NO_ITEMS as never[];
  }
  return session;
}
