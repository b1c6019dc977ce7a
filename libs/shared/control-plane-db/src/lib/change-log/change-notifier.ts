import { Cluster, type Redis } from 'ioredis';

import type { AnnouncedChanges } from './announced-changes';
import type { AnnouncementSeal } from './announcement-seal';
import type { LogEntry } from './catalogue-change-log';

export const CHANGES_CHANNEL = 'gatehouse:changes';

/**
 * Wakes bridges the moment a change is committed, so regions hear of it in milliseconds; polling with
 * look-back stays as the safety net for a lost message. Messages are sealed for this database.
 */
export class ChangeNotifier {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly seal: AnnouncementSeal,
  ) {}

  /** The entry travels with the wake-up, so a bridge can ship it without reading the log. */
  async changed(orgId: string, rev: number, entry: LogEntry): Promise<void> {
    await this.redis.publish(CHANGES_CHANNEL, this.seal.seal(JSON.stringify({ orgId, rev, entry })));
  }

  /**
   * A revision that was handed out but will never hold a record (a create that found the record
   * existing): said out loud, so bridges do not wait for it as a hole and fall back to the database.
   */
  async unused(rev: number): Promise<void> {
    await this.redis.publish(CHANGES_CHANNEL, this.seal.seal(JSON.stringify({ unusedRev: rev })));
  }
}

/**
 * The bridges' side of the wake-ups: one subscription per process, fanned out to every watcher of the
 * org that changed. Messages this database's processes did not seal, or that do not parse, are ignored;
 * polling catches up regardless.
 */
export class ChangeWakeUps {
  private readonly listeners = new Map<string, Set<() => void>>();
  private subscriber?: Redis | Cluster;

  constructor(
    private readonly redis: Redis | Cluster,
    private readonly seal: AnnouncementSeal,
    /** Where the announced entries are kept for the bridge's watchers, when it keeps them. */
    private readonly announced?: AnnouncedChanges,
  ) {}

  async start(): Promise<void> {
    // Queued until connected, and re-subscribed by ioredis after every reconnect.
    this.subscriber =
      this.redis instanceof Cluster
        ? this.redis.duplicate(undefined, { enableOfflineQueue: true })
        : this.redis.duplicate({ enableOfflineQueue: true });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, message: string) => this.dispatch(message));
    await this.subscriber.subscribe(CHANGES_CHANNEL);
  }

  /** Calls `listener` after each change of the org; returns the unsubscribe function. */
  onChange(orgId: string, listener: () => void): () => void {
    let set = this.listeners.get(orgId);
    if (!set) {
      set = new Set();
      this.listeners.set(orgId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(orgId);
    };
  }

  stop(): void {
    this.subscriber?.disconnect();
  }

  private dispatch(message: string): void {
    const payload = this.seal.open(message);
    if (payload === undefined) return;
    let parsed: { orgId?: unknown; rev?: unknown; entry?: Partial<LogEntry>; unusedRev?: unknown };
    try {
      parsed = JSON.parse(payload) as typeof parsed;
    } catch {
      return;
    }
    const { orgId, rev, entry, unusedRev } = parsed;
    if (Number.isSafeInteger(unusedRev)) this.announced?.skip(unusedRev as number);
    if (typeof orgId !== 'string') return;
    if (this.announced && isLogEntry(entry) && typeof rev === 'number' && entry.rev === rev)
      this.announced.record({ orgId, rev, entry, bytes: payload.length });
    for (const listener of this.listeners.get(orgId) ?? []) listener();
  }
}

/** Sealed by our own dashboards, yet checked: only a well-formed entry is kept. */
function isLogEntry(entry: Partial<LogEntry> | undefined): entry is LogEntry {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    (entry.kind === 'api' || entry.kind === 'policy' || entry.kind === 'key') &&
    typeof entry.id === 'string' &&
    Number.isSafeInteger(entry.rev) &&
    typeof entry.deleted === 'boolean' &&
    Array.isArray(entry.tags) &&
    (entry.document === undefined || (typeof entry.document === 'object' && entry.document !== null))
  );
}
