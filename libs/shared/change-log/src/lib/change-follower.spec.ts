import type { Change } from './change';
import { ChangeFollower } from './change-follower';

/** A change log in memory, read the way the stores read it: revisions above `after`, oldest first. */
class LogInMemory {
  readonly changes: Change[] = [];
  reads = 0;

  commit(id: string, rev: number, deleted = false): void {
    this.changes.push({ kind: 'api', id, rev, deleted });
  }

  readonly source = async (after: number, limit: number): Promise<Change[]> => {
    this.reads += 1;
    return this.changes
      .filter((change) => change.rev > after)
      .sort((a, b) => a.rev - b.rev)
      .slice(0, limit);
  };
}

const ids = (changes: Change[]) => changes.map((change) => `${change.id}@${change.rev}`);

describe('ChangeFollower', () => {
  it('returns each change once, oldest first, and advances its position', async () => {
    const log = new LogInMemory();
    const follower = new ChangeFollower(log.source);
    log.commit('a', 1);
    log.commit('b', 2);

    expect(ids(await follower.poll())).toEqual(['a@1', 'b@2']);
    expect(follower.position).toBe(2);
    expect(await follower.poll()).toEqual([]);

    log.commit('a', 3, true);
    expect(await follower.poll()).toEqual([{ kind: 'api', id: 'a', rev: 3, deleted: true }]);
  });

  it('finds a write committed late with a revision below its cursor', async () => {
    const log = new LogInMemory();
    const follower = new ChangeFollower(log.source, 10);
    log.commit('early', 1);
    log.commit('fast', 3);
    expect(ids(await follower.poll())).toEqual(['early@1', 'fast@3']);

    // Revision 2 was taken before 3 but committed after 3 was read.
    log.commit('slow', 2);
    expect(ids(await follower.poll())).toEqual(['slow@2']);
    expect(follower.position).toBe(3);
  });

  it('misses a late write that falls below its look-back window', async () => {
    const log = new LogInMemory();
    const follower = new ChangeFollower(log.source, 2);
    log.commit('fast', 10);
    await follower.poll();

    log.commit('too-late', 5);
    expect(await follower.poll()).toEqual([]);
  });

  it('reads page after page until a short page', async () => {
    const log = new LogInMemory();
    for (let rev = 1; rev <= 7; rev += 1) log.commit(`k${rev}`, rev);
    const follower = new ChangeFollower(log.source, 0, 3);

    expect(ids(await follower.poll())).toHaveLength(7);
    // Pages of 3, 3 and 1.
    expect(log.reads).toBe(3);
  });

  it('resumes from a given cursor, re-reading only its look-back', async () => {
    const log = new LogInMemory();
    for (let rev = 1; rev <= 6; rev += 1) log.commit(`k${rev}`, rev);
    const follower = new ChangeFollower(log.source, 2, 500, 5);

    expect(ids(await follower.poll())).toEqual(['k4@4', 'k5@5', 'k6@6']);
  });
});
