import type { ChangeLogHorizon, Revisions } from '@gatehouse/shared-control-plane-db';
import type { Logger } from '@gatehouse/shared-observability';

const HOUR = 3_600_000;

/**
 * Purges tombstones and revision claims older than the retention window, hourly. A region whose cursor
 * is older than the window can no longer replay deletes from the log and must take a full snapshot.
 */
export function startChangeLogMaintenance(
  collections: { purgeTombstones(before: Date): Promise<{ purged: number; highestRev: number }> }[],
  revisions: Revisions,
  horizon: ChangeLogHorizon,
  retentionDays: number,
  logger: Logger,
): { stop(): void } {
  const purge = async () => {
    const before = new Date(Date.now() - retentionDays * 24 * HOUR);
    try {
      const purged = await Promise.all(collections.map((collection) => collection.purgeTombstones(before)));
      await horizon.advance(Math.max(...purged.map((result) => result.highestRev)));
      await revisions.purgeClaims(before);
      const total = purged.reduce((sum, result) => sum + result.purged, 0);
      if (total > 0) logger.info({ purged: total, before }, 'purged change-log tombstones');
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'change-log maintenance failed; will retry');
    }
  };
  const timer = setInterval(() => void purge(), HOUR);
  timer.unref();
  void purge();
  return { stop: () => clearInterval(timer) };
}
