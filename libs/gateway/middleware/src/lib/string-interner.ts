/** Ids are short; a longer value (an API name a key's author made huge) is never kept. */
const MAX_INTERNED_LENGTH = 128;

/**
 * Hands back one copy of each string it has seen, up to `maxEntries` distinct strings of at most 128
 * characters (others pass through as they are, so a flood of distinct or huge values costs a bounded
 * table, never more). V8 keeps a copy of every long string value JSON.parse reads: 100,000 cached keys
 * of one organisation held 100,000 copies of its 24-character id, and as many of the API ids they list.
 */
export class StringInterner {
  private readonly seen = new Map<string, string>();

  constructor(private readonly maxEntries: number) {}

  intern(value: string): string {
    if (value.length > MAX_INTERNED_LENGTH) return value;
    const known = this.seen.get(value);
    if (known !== undefined) return known;
    if (this.seen.size < this.maxEntries) this.seen.set(value, value);
    return value;
  }

  get size(): number {
    return this.seen.size;
  }
}
