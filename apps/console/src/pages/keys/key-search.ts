/** The key list's state in the URL, so filtered pages deep-link and back/forward work. */
export interface KeysSearch {
  /** Zero-based page. */
  page?: number;
  policy?: string;
  api?: string;
  inactive?: 'true' | 'false';
}

/** The `GET /keys` query a list state asks for: filters on the server, one page at a time. */
export interface KeysQuery {
  policy?: string;
  api?: string;
  inactive?: 'true' | 'false';
  limit: number;
  offset: number;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : undefined;

/** Reads the URL's search params, dropping anything malformed rather than sending it to the API. */
export function parseKeysSearch(raw: Record<string, unknown>): KeysSearch {
  const page = Number(raw['page']);
  const inactive = String(raw['inactive']);
  return {
    page: Number.isInteger(page) && page > 0 ? page : undefined,
    policy: text(raw['policy']),
    api: text(raw['api']),
    inactive: inactive === 'true' || inactive === 'false' ? inactive : undefined,
  };
}

export function keysQuery(search: KeysSearch, pageSize: number): KeysQuery {
  const page = search.page ?? 0;
  return {
    ...(search.policy ? { policy: search.policy } : {}),
    ...(search.api ? { api: search.api } : {}),
    ...(search.inactive ? { inactive: search.inactive } : {}),
    limit: pageSize,
    offset: page * pageSize,
  };
}

/** A filter change starts again from the first page (the old page may not exist any more). */
export function withFilter(search: KeysSearch, change: Omit<KeysSearch, 'page'>): KeysSearch {
  return { ...search, ...change, page: undefined };
}
