/**
 * Tyk's expiry fields ("2006-01-02 15:04", read as UTC) in epoch milliseconds: undefined when it never
 * expires ('' or '-1'), NaN when unreadable, which Tyk treats as already expired.
 */
export function tykExpiry(value: string): number | undefined {
  const text = value.trim();
  if (text === '' || text === '-1') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text);
  if (!match) return Number.NaN;
  const [, year, month, day, hour, minute] = match.map(Number);
  return Date.UTC(year, month - 1, day, hour, minute);
}

/** Whether an expiry from {@link tykExpiry} has passed (Tyk: `time.Since(expiry) >= 0`). */
export function hasExpired(expiresAt: number | undefined, now: number): boolean {
  return expiresAt !== undefined && (Number.isNaN(expiresAt) || now >= expiresAt);
}

/** Go's time.RFC1123 for a UTC time, as Tyk writes X-Tyk-API-Expires. */
export function rfc1123(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace(/GMT$/, 'UTC');
}
