import type { StructuredLogger } from '@gatehouse/shared-observability';

import type { MirrorState } from './catalogue-mirror';
import type { EmergencySnapshots } from './emergency-snapshots';

/**
 * Writes the emergency snapshot at most once per interval, however fast changes arrive, and once more
 * on stop. Each write takes the mirror's state whole at that moment (entities and the cursor that
 * covers them), so a gateway restarted from it resumes the Watch right after the last change it holds.
 */
export class SnapshotSchedule {
  private timer?: NodeJS.Timeout;
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly snapshots: EmergencySnapshots,
    private readonly state: () => MirrorState,
    private readonly intervalMs: number,
    private readonly logger: StructuredLogger,
  ) {}

  changed(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.intervalMs);
  }

  /** Writes what is pending now (on stop), waiting for a write already under way. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.write();
  }

  private write(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      await this.snapshots.save(this.state()).catch((error: Error) => {
        this.logger.warn({ err: error.message }, 'could not store the emergency snapshot');
      });
    });
    return this.writing;
  }
}
