/** The audit trail's filters in the URL: what `GET /audit` can narrow by (resource, actor, since). */
export interface AuditSearch {
  page?: number;
  resource?: string;
  /** The acting user's email, matched exactly. */
  actor?: string;
  /** A UTC day, `YYYY-MM-DD`: entries from its start on. */
  since?: string;
}

export interface AuditQuery {
  resource?: string;
  actor?: string;
  since?: string;
  limit: number;
  offset: number;
}

/** The kinds of resource the dashboard records changes to. */
export const AUDITED_RESOURCES = [
  'apis',
  'policies',
  'keys',
  'gateway-groups',
  'users',
  'tokens',
  'sessions',
  'org',
] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined;

export function parseAuditSearch(raw: Record<string, unknown>): AuditSearch {
  const page = Number(raw['page']);
  const since = text(raw['since'], 10);
  return {
    page: Number.isInteger(page) && page > 0 ? page : undefined,
    resource: text(raw['resource'], 64),
    actor: text(raw['actor'], 254)?.toLowerCase(),
    since: since && DAY.test(since) && !Number.isNaN(Date.parse(since)) ? since : undefined,
  };
}

export function auditQuery(search: AuditSearch, pageSize: number): AuditQuery {
  return {
    ...(search.resource ? { resource: search.resource } : {}),
    ...(search.actor ? { actor: search.actor } : {}),
    // Midnight UTC of the day, as the API reads dates.
    ...(search.since ? { since: `${search.since}T00:00:00.000Z` } : {}),
    limit: pageSize,
    offset: (search.page ?? 0) * pageSize,
  };
}

export const hasAuditFilter = (search: AuditSearch): boolean =>
  Boolean(search.resource || search.actor || search.since);
