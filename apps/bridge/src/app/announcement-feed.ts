import {
  AnnouncedChanges,
  type AnnouncementSeal,
  ChangeWakeUps,
  type Revisions,
} from '@gatehouse/shared-control-plane-db';
import type { Redis } from '@gatehouse/shared-redis';
import type { Logger } from '@gatehouse/shared-observability';

/** Entries held for Watch streams, by count and by size (an API definition may be 512 KiB). */
const MAX_ANNOUNCED = 20_000;
const MAX_ANNOUNCED_BYTES = 64 * 1024 * 1024;
/** How long a revision may stay missing before the announcements are not trusted below it. */
const HOLE_TIMEOUT_MS = 5_000;

export interface AnnouncementFeed {
  signals: ChangeWakeUps;
  announced: AnnouncedChanges;
  stop(): void;
}

/**
 * Subscribes to the dashboard's announcements (wake-ups carrying their entries) and keeps them for
 * the Watch streams; then checks the highest revision handed out every `checkMs`, so announcements
 * that stop coming are noticed as a hole and the streams go back to reading the change log.
 */
export async function followAnnouncements(
  redis: Redis,
  seal: AnnouncementSeal,
  revisions: Revisions,
  checkMs: number,
  logger: Logger,
): Promise<AnnouncementFeed> {
  const announced = new AnnouncedChanges({
    maxEntries: MAX_ANNOUNCED,
    maxBytes: MAX_ANNOUNCED_BYTES,
    holeTimeoutMs: HOLE_TIMEOUT_MS,
  });
  const signals = new ChangeWakeUps(redis, seal, announced);
  await signals.start();
  const highest = async (use: (rev: number) => void): Promise<void> => {
    try {
      use(await revisions.highest());
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'could not read the highest revision; will retry');
    }
  };
  // Subscribed first: every revision above this one will be announced.
  await highest((rev) => announced.begin(rev));
  const timer = setInterval(() => void highest((rev) => announced.observeHighest(rev)), checkMs);
  timer.unref();
  return {
    signals,
    announced,
    stop: () => {
      clearInterval(timer);
      signals.stop();
    },
  };
}
