import type { Db } from 'mongodb';

/**
 * The global revision counter of the change log: every write of an API, policy or key takes the next
 * value with one atomic `$inc`, so readers can follow changes by number without transactions.
 */
export class Revisions {
  constructor(private readonly db: Db) {}

  async next(): Promise<number> {
    const counter = await this.db
      .collection<{ _id: string; value: number }>('counters')
      .findOneAndUpdate({ _id: 'rev' }, { $inc: { value: 1 } }, { upsert: true, returnDocument: 'after' });
    if (!counter) throw new Error('revision counter did not answer');
    return counter.value;
  }
}
