import type { LogEntry } from './catalogue-change-log';

/** What the dashboard publishes after each committed write: the entry itself, as the log holds it. */
export interface Announcement {
  orgId: string;
  rev: number;
  /** Absent for a revision that holds no record (see skip). */
  entry?: LogEntry;
  /** Its size as received, for the byte bound. */
  bytes: number;
}

export interface AnnouncedChangesOptions {
  /** Entries held at most; the oldest go first and reads below them go to the database. */
  maxEntries: number;
  /** Bytes held at most, waiting entries included (an API definition may be 512 KiB). */
  maxBytes: number;
  /** A revision missing this long (its write failed, or its announcement was lost) empties the log. */
  holeTimeoutMs: number;
}

/** What the announcements can answer: every entry of the org in (after, upTo], oldest first. */
export interface AnnouncedRead {
  entries: LogEntry[];
  /** Every revision up to here has been announced (or read past): a reader may move its cursor here. */
  upTo: number;
}

/**
 * The change log's recent past as the dashboard announced it, so a bridge serves a wake-up from memory
 * instead of scanning three collections: on a store without indexes (FerretDB) that scan grows with
 * the catalogue (470 ms at 2,000 APIs). Revisions are global and each is announced once its write
 * commits, in any order; the log answers only for ranges in which it has seen every revision, so an
 * announcement that is late holds readers back instead of being skipped. One that never comes (a failed
 * write, a lost message) empties the log after `holeTimeoutMs`: readers then go to the database, which
 * stays the authority, until they are past the revisions announced since.
 */
export class AnnouncedChanges {
  /** Entries with revisions in (floor, complete], by revision. */
  private readonly held = new Map<number, Announcement>();
  /** The revisions of `held` per org, ascending: a read costs the org's entries, not everyone's. */
  private readonly byOrg = new Map<string, number[]>();
  private floor?: number;
  private complete = 0;
  /** Announced above `complete`, waiting for the revisions below them. */
  private readonly early = new Map<number, Announcement>();
  private bytes = 0;
  /** The highest revision known to exist, announced or reported by the database. */
  private target = 0;
  /** Since when `complete` has been below `target`. */
  private waitingSince?: number;

  constructor(
    private readonly options: AnnouncedChangesOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Starts the log at `rev`, the highest revision handed out once the announcements are subscribed to:
   * every later one will be announced, so reads from `rev` on can be answered at once.
   */
  begin(rev: number): void {
    if (this.floor !== undefined) return;
    this.floor = rev;
    this.complete = rev;
    this.target = rev;
  }

  record(announcement: Announcement): void {
    this.expireHole();
    const { rev } = announcement;
    if (this.floor === undefined) this.begin(rev - 1);
    if (rev <= this.complete || this.early.has(rev)) return;
    this.early.set(rev, announcement);
    this.bytes += announcement.bytes;
    for (let next = this.early.get(this.complete + 1); next; next = this.early.get(this.complete + 1)) {
      this.early.delete(next.rev);
      this.hold(next);
    }
    this.reached(rev);
    this.trim();
  }

  /** A revision handed out that will never hold a record: no reader waits for it. */
  skip(rev: number): void {
    this.record({ orgId: '', rev, bytes: 0 });
  }

  /**
   * The highest revision handed out, as the database reports it (polled): revisions missing below it
   * are a hole even when nothing was announced after them (the announcements stopped altogether).
   */
  observeHighest(rev: number): void {
    this.expireHole();
    if (this.floor !== undefined) this.reached(rev);
  }

  /**
   * The org's entries after `after`, at most `limit`; undefined when the announcements cannot tell
   * (nothing announced yet, `after` below what is held, or a hole that timed out).
   */
  read(orgId: string, after: number, limit: number): AnnouncedRead | undefined {
    this.expireHole();
    if (this.floor === undefined || after < this.floor) return undefined;
    const revs = this.byOrg.get(orgId) ?? [];
    const entries: LogEntry[] = [];
    for (let at = firstAbove(revs, after); at < revs.length; at++) {
      entries.push((this.held.get(revs[at]) as Announcement).entry as LogEntry);
      if (entries.length === limit) return { entries, upTo: revs[at] };
    }
    return { entries, upTo: Math.max(after, this.complete) };
  }

  get size(): number {
    return this.held.size + this.early.size;
  }

  private hold(announcement: Announcement): void {
    this.held.set(announcement.rev, announcement);
    this.complete = announcement.rev;
    if (!announcement.entry) return;
    const revs = this.byOrg.get(announcement.orgId);
    if (revs) revs.push(announcement.rev);
    else this.byOrg.set(announcement.orgId, [announcement.rev]);
  }

  private reached(rev: number): void {
    this.target = Math.max(this.target, rev);
    this.waitingSince = this.target > this.complete ? (this.waitingSince ?? this.now()) : undefined;
  }

  private expireHole(): void {
    if (this.waitingSince === undefined) return;
    if (this.now() - this.waitingSince < this.options.holeTimeoutMs) return;
    this.restartAbove(this.target);
  }

  /** Forgets everything: below `rev`, only the database can tell. */
  private restartAbove(rev: number): void {
    this.held.clear();
    this.byOrg.clear();
    this.early.clear();
    this.bytes = 0;
    this.floor = rev;
    this.complete = rev;
    this.target = Math.max(this.target, rev);
    this.waitingSince = undefined;
  }

  private trim(): void {
    while (this.held.size > this.options.maxEntries || this.bytes > this.options.maxBytes) {
      const oldest = this.held.get((this.floor as number) + 1);
      if (!oldest) {
        // Only waiting entries are left, and they alone are over the bound: give up on the hole.
        this.restartAbove(this.target);
        return;
      }
      this.held.delete(oldest.rev);
      if (oldest.entry) this.byOrg.get(oldest.orgId)?.shift();
      if (this.byOrg.get(oldest.orgId)?.length === 0) this.byOrg.delete(oldest.orgId);
      this.bytes -= oldest.bytes;
      this.floor = oldest.rev;
    }
  }
}

/** The index of the first revision above `rev` in an ascending list. */
function firstAbove(revs: number[], rev: number): number {
  let low = 0;
  let high = revs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (revs[middle] <= rev) low = middle + 1;
    else high = middle;
  }
  return low;
}
