import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '../mongo-errors';

/** How long this process's last claim is trusted as the highest: far below the days claims are kept. */
const GUESS_VALID_MS = 10 * 60_000;

/**
 * The global revision counter of the change log: every write of an API, policy or key takes the next
 * value, so readers can follow changes by number without transactions.
 *
 * A revision is claimed by inserting it as an `_id`: the unique index makes two writers unable to get
 * the same number on any MongoDB-compatible server. (`findOneAndUpdate` with `$inc` is atomic on
 * MongoDB but not on FerretDB, where 200 concurrent calls returned 30 distinct values.)
 */
export class Revisions {
  private readonly claims: Collection<{ _id: number; at: Date }>;
  /** Claims from this process go one at a time, so they never collide with each other. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * The last number this process claimed: the next claim tries the one after it before asking the
   * server for the highest. On a store without indexes (FerretDB) finding the highest reads every
   * claim, which cost each write 67 ms with 20,000 claims; with one writer the guess is always right.
   * Only a recent guess is tried: claims are purged after days (change-log maintenance), and a number
   * another process claimed and then purged must not be handed out again.
   */
  private lastClaimed?: { rev: number; at: number };

  constructor(db: Db) {
    this.claims = db.collection<{ _id: number; at: Date }>('revisions');
  }

  next(): Promise<number> {
    const claimed = this.queue.then(() => this.claim());
    this.queue = claimed.catch(() => undefined);
    return claimed;
  }

  /**
   * Always one above the highest claim, never into a hole left by purged claims: a number is never
   * reused, and revisions only grow.
   */
  private async claim(): Promise<number> {
    const last = this.lastClaimed;
    let candidate = last && Date.now() - last.at < GUESS_VALID_MS ? last.rev + 1 : (await this.highest()) + 1;
    for (;;) {
      try {
        await this.claims.insertOne({ _id: candidate, at: new Date() });
        this.lastClaimed = { rev: candidate, at: Date.now() };
        return candidate;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Another process claimed it: start again above everything claimed anywhere.
        candidate = (await this.highest()) + 1;
      }
    }
  }

  /** Forgets claims older than `before`; the newest claim always stays, so numbering never restarts. */
  async purgeClaims(before: Date): Promise<void> {
    const newest = await this.highest();
    await this.claims.deleteMany({ _id: { $lt: newest }, at: { $lt: before } });
  }

  /** The newest revision handed out so far (0 before the first): what a snapshot is consistent up to. */
  async highest(): Promise<number> {
    const [top] = await this.claims
      .find({}, { projection: { _id: 1 } })
      .sort({ _id: -1 })
      .limit(1)
      .toArray();
    return top?._id ?? 0;
  }
}
