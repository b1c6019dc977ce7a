import { ChangeFollower, type ChangeSource } from '@gatehouse/shared-change-log';
import { groupServesApi, UnauthenticatedError } from '@gatehouse/shared-kernel';
import { EntityKind, WatchResponse } from '@gatehouse/shared-proto';

import type { ChangeLogReader, ChangeSignals, LogEntry, NodeGrant } from './sync-ports';

export interface WatchOptions {
  heartbeatMs: number;
  /** The safety net when a wake-up is lost: the log is read at least this often. */
  pollMs: number;
  /** Revisions re-read below the cursor, for writes that committed after a higher revision. */
  lookBack: number;
  pageSize: number;
}

/** Re-checks the caller at each heartbeat: the current grant, or undefined once its token is revoked. */
export type GrantCheck = () => Promise<NodeGrant | undefined>;

function json(document: Record<string, unknown> | undefined): string {
  return JSON.stringify(document ?? {});
}

function sameTags(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((tag) => b.includes(tag));
}

/**
 * One node's Watch: a snapshot when its cursor cannot be resumed, then every later change of its org
 * (APIs filtered by its group's tags), waking on the dashboard's signal and polling as a safety net.
 * A change of the group's tags sends a fresh snapshot, so APIs the group stops serving disappear.
 */
export class WatchSession {
  private stopped = false;
  private wake?: () => void;
  private woken = false;

  constructor(
    private grant: NodeGrant,
    private readonly log: ChangeLogReader,
    private readonly signals: ChangeSignals,
    private readonly recheck: GrantCheck,
    private readonly options: WatchOptions,
  ) {}

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  /** Runs until stopped; throws when the grant is revoked or the log cannot be read. */
  async run(cursor: number, send: (message: WatchResponse) => void): Promise<void> {
    const unsubscribe = this.signals.onChange(this.grant.orgId, () => this.signalled());
    try {
      let follower = await this.start(cursor, send);
      // The first heartbeat goes out at once: it tells a resuming node that its cursor was accepted.
      let nextHeartbeat = Date.now();
      while (!this.stopped) {
        this.ship(await this.fresh(follower), send);
        if (Date.now() >= nextHeartbeat) {
          const current = await this.recheck();
          if (!current) throw new UnauthenticatedError('node token revoked');
          const retagged = !sameTags(current.tags, this.grant.tags);
          this.grant = current;
          if (retagged) follower = await this.start(0, send);
          send({ heartbeat: { cursor: follower.position, serverTimeMs: Date.now() } });
          nextHeartbeat = Date.now() + this.options.heartbeatMs;
        }
        await this.sleep(Math.min(this.options.pollMs, Math.max(0, nextHeartbeat - Date.now())));
      }
    } finally {
      unsubscribe();
    }
  }

  private async start(
    cursor: number,
    send: (message: WatchResponse) => void,
  ): Promise<ChangeFollower<LogEntry>> {
    const [top, oldest] = await Promise.all([this.log.highestRev(), this.log.oldestResumable()]);
    let from = cursor;
    if (cursor <= 0 || cursor < oldest || cursor > top) {
      // Read the top before the documents: anything written meanwhile is replayed as a change.
      from = top;
      const { apis, policies } = await this.log.live(this.grant.orgId);
      send({ snapshotBegin: { cursor: from } });
      for (const api of apis.filter((entry) => this.serves(entry)))
        send({ api: { id: api.id, rev: api.rev, documentJson: json(api.document) } });
      for (const policy of policies)
        send({ policy: { id: policy.id, rev: policy.rev, documentJson: json(policy.document) } });
      send({ snapshotEnd: { cursor: from } });
    }
    const { orgId } = this.grant;
    return new ChangeFollower<LogEntry>(
      (after, limit) => this.log.entriesAfter(orgId, after, limit),
      this.options.lookBack,
      this.options.pageSize,
      from,
    );
  }

  /**
   * What the follower has not seen yet: from the dashboard's announcements when they can tell (no
   * database read, whatever the catalogue's size), else from the log. Announcements vouch for every
   * revision up to `upTo`, so the cursor moves there even when none of them was this org's.
   */
  private async fresh(follower: ChangeFollower<LogEntry>): Promise<LogEntry[]> {
    if (this.log.announcedAfter) {
      const { orgId } = this.grant;
      let upTo: number | undefined;
      const fromAnnouncements: ChangeSource<LogEntry> = async (after, limit) => {
        const read = this.log.announcedAfter?.(orgId, after, limit);
        if (!read) return [];
        upTo = read.upTo;
        return read.entries;
      };
      const entries = await follower.poll(fromAnnouncements);
      if (upTo !== undefined) {
        follower.advanceTo(upTo);
        return entries;
      }
    }
    return follower.poll();
  }

  private ship(entries: LogEntry[], send: (m: WatchResponse) => void): void {
    // The cursor a node may store after each message: never past an entry it has not yet received.
    let cursor = 0;
    for (const entry of entries) {
      cursor = Math.max(cursor, entry.rev);
      if (entry.kind === 'key') {
        send({ keyEvict: { keyHash: entry.id, rev: entry.rev, cursor } });
        continue;
      }
      const served = entry.kind === 'policy' || this.serves(entry);
      const deleted = entry.deleted || !served;
      send({
        change: {
          kind: entry.kind === 'api' ? EntityKind.ENTITY_KIND_API : EntityKind.ENTITY_KIND_POLICY,
          id: entry.id,
          rev: entry.rev,
          deleted,
          documentJson: deleted ? '' : json(entry.document),
          cursor,
        },
      });
    }
  }

  private serves(entry: LogEntry): boolean {
    return groupServesApi(this.grant.tags, entry.tags);
  }

  /** A signal that arrives while the log is being read is kept, so the next sleep ends at once. */
  private signalled(): void {
    this.woken = true;
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped || this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
