/** The policies list's state in the URL. */
export interface PolicyListSearch {
  page?: number;
  q?: string;
}

export function parsePolicyListSearch(search: Record<string, unknown>): PolicyListSearch {
  const page = Number(search['page']);
  // The router JSON-decodes search values, so `?q=42` arrives as a number.
  const q = typeof search['q'] === 'number' ? String(search['q']) : search['q'];
  return {
    page: Number.isInteger(page) && page > 0 ? page : undefined,
    q: typeof q === 'string' && q.trim() !== '' ? q.trim().slice(0, 100) : undefined,
  };
}

export function policyListQuery(search: PolicyListSearch, pageSize: number) {
  return { limit: pageSize, offset: (search.page ?? 0) * pageSize, ...(search.q ? { q: search.q } : {}) };
}
