import type { StructuredLogger } from '@gatehouse/shared-observability';
import { FSWatcher, watch } from 'node:fs';
import { basename } from 'node:path';

/** Editors and deploy tools write in bursts: changes settle this long before one reload. */
const SETTLE_MS = 200;
/** A file this process wrote is its own echo for this long, not an edit. */
const OWN_WRITE_MS = 2000;

/**
 * Watches definition folders and calls back once per burst of edits. Files the gateway wrote itself
 * (Gateway API writes, already applied one by one) are ignored, so a thousand API writes cause no
 * full reload.
 */
export class FolderWatch {
  private readonly watchers: FSWatcher[] = [];
  private readonly ownWrites = new Map<string, number>();
  private settle?: NodeJS.Timeout;

  constructor(
    private readonly changed: () => void,
    private readonly logger: StructuredLogger,
  ) {}

  /** Records a write of ours, so its watch event is not taken for an edit. */
  wrote(file: string): void {
    this.ownWrites.set(basename(file), Date.now() + OWN_WRITE_MS);
  }

  start(folders: string[]): void {
    for (const folder of folders) {
      try {
        const watcher = watch(folder, (_event, name) => this.onEvent(name ?? undefined));
        watcher.on('error', (error) => this.logger.warn({ err: error.message, folder }, 'file watch failed'));
        this.watchers.push(watcher);
      } catch (error) {
        this.logger.warn({ err: (error as Error).message, folder }, 'cannot watch folder');
      }
    }
  }

  stop(): void {
    clearTimeout(this.settle);
    for (const watcher of this.watchers.splice(0)) watcher.close();
  }

  private onEvent(name: string | undefined): void {
    if (name && this.isOwnWrite(name)) return;
    clearTimeout(this.settle);
    this.settle = setTimeout(this.changed, SETTLE_MS);
  }

  private isOwnWrite(name: string): boolean {
    // Writes go through `<id>.json.<pid>.tmp` renamed into place: both names are ours.
    const file = name.replace(/\.\d+\.tmp$/, '');
    const until = this.ownWrites.get(file);
    if (until === undefined) return false;
    if (until >= Date.now()) return true;
    this.ownWrites.delete(file);
    return false;
  }
}
