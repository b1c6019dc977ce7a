import type { Change } from './change';

export type ChangeSource<C extends Change = Change> = (after: number, limit: number) => Promise<C[]>;

/**
 * Follows the change log by cursor. Writers take a revision and commit later, so a write with a lower
 * revision can appear after a higher one was read; the follower therefore re-reads a look-back window
 * below its cursor each time and drops what it has seen (by id and revision), so it loses nothing.
 */
export class ChangeFollower<C extends Change = Change> {
  private readonly seen = new Set<string>();

  constructor(
    private readonly source: ChangeSource<C>,
    private readonly lookBack = 1000,
    private readonly pageSize = 500,
    /** Where to resume: the highest revision already handled (its look-back is read again). */
    private cursor = 0,
  ) {}

  get position(): number {
    return this.cursor;
  }

  /** Changes not yet returned, oldest first; `source` stands in for the follower's own for this poll. */
  async poll(source: ChangeSource<C> = this.source): Promise<C[]> {
    const fresh: C[] = [];
    let after = Math.max(0, this.cursor - this.lookBack);
    for (;;) {
      const page = await source(after, this.pageSize);
      for (const change of page) {
        const key = `${change.kind}:${change.id}:${change.rev}`;
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        fresh.push(change);
        this.cursor = Math.max(this.cursor, change.rev);
      }
      if (page.length < this.pageSize) break;
      after = page[page.length - 1].rev;
    }
    this.forgetBelow(this.cursor - this.lookBack);
    return fresh;
  }

  /**
   * Moves the cursor to `rev` when a source could vouch that nothing below it is still to come (every
   * revision up to it was seen), even though none of them was this follower's.
   */
  advanceTo(rev: number): void {
    this.cursor = Math.max(this.cursor, rev);
  }

  private forgetBelow(rev: number): void {
    if (this.seen.size < 10_000) return;
    for (const key of this.seen) if (Number(key.slice(key.lastIndexOf(':') + 1)) < rev) this.seen.delete(key);
  }
}
