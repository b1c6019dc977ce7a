/** The APIs list's state in the URL, so deep links and back/forward keep the page and filters. */
export interface ApiListSearch {
  page?: number;
  q?: string;
  tag?: string;
  /** Stored as a boolean so the URL reads `active=false` (the router quotes strings that look like one). */
  active?: boolean;
}

// The router JSON-decodes search values, so `?q=42` arrives as a number.
const text = (value: unknown, max: number) => {
  const raw = typeof value === 'number' ? String(value) : value;
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim().slice(0, max) : undefined;
};

/** Reads the URL's search params, dropping anything malformed rather than sending it to the API. */
export function parseApiListSearch(search: Record<string, unknown>): ApiListSearch {
  const page = Number(search['page']);
  const active = search['active'];
  return {
    page: Number.isInteger(page) && page > 0 ? page : undefined,
    q: text(search['q'], 100),
    tag: text(search['tag'], 64),
    active:
      active === true || active === 'true'
        ? true
        : active === false || active === 'false'
          ? false
          : undefined,
  };
}

/** The query `GET /apis` is called with for that state: filtering and paging happen on the server. */
export function apiListQuery(search: ApiListSearch, pageSize: number) {
  return {
    limit: pageSize,
    offset: (search.page ?? 0) * pageSize,
    ...(search.q ? { q: search.q } : {}),
    ...(search.tag ? { tag: search.tag } : {}),
    ...(search.active === undefined
      ? {}
      : { active: search.active ? ('true' as const) : ('false' as const) }),
  };
}
