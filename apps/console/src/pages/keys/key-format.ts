import type { components } from '../../api/generated/dashboard-api';

export type KeyView = components['schemas']['KeyView'];
export type SessionDocument = components['schemas']['SessionDocument'];

/** A key's expiry (Unix seconds; 0 or less never expires) as people read it. */
export function describeExpiry(expires: number | null | undefined, now = Date.now()): string {
  if (!expires || expires <= 0) return 'Never';
  const at = new Date(expires * 1000);
  const day = at.toISOString().slice(0, 16).replace('T', ' ');
  return at.getTime() <= now ? `Expired ${day} UTC` : `${day} UTC`;
}

export function stateOf(inactive: boolean | null | undefined): 'Active' | 'Inactive' {
  return inactive ? 'Inactive' : 'Active';
}

/** A long id cut to what tells keys apart on a screen; the full value stays in the title. */
export function shortId(id: string, keep = 16): string {
  return id.length > keep ? `${id.slice(0, keep)}…` : id;
}

/** One key's query; under `keys` so any key change refreshes it with the lists. */
export const keyQueryKey = (ref: string) => ['keys', 'one', ref] as const;
