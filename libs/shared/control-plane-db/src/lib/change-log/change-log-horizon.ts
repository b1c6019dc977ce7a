import type { Collection, Db } from 'mongodb';

interface HorizonDocument {
  _id: 'tombstones';
  /** The highest revision of any purged tombstone. */
  rev: number;
}

/**
 * How far back the change log can be replayed. Purging tombstones forgets deletes; a follower whose
 * cursor is below the highest purged revision could miss one, so it must take a full snapshot instead.
 */
export class ChangeLogHorizon {
  private readonly horizon: Collection<HorizonDocument>;

  constructor(db: Db) {
    this.horizon = db.collection<HorizonDocument>('change_log_horizon');
  }

  async advance(purgedThroughRev: number): Promise<void> {
    if (purgedThroughRev <= 0) return;
    await this.horizon.updateOne(
      { _id: 'tombstones' },
      { $max: { rev: purgedThroughRev } },
      { upsert: true },
    );
  }

  /** Cursors below this revision cannot be resumed. */
  async oldestResumable(): Promise<number> {
    return (await this.horizon.findOne({ _id: 'tombstones' }))?.rev ?? 0;
  }
}
