import type { InputConnector } from './ports';

/** The slice of a `RegionLease` the input uses. */
export interface Lease {
  readonly ttlMs: number;
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Runs an input on one gateway of the region at a time (a WebSocket input: the upstream has no
 * consumer groups). Every gateway tries for the lease; the holder runs the connector and renews the
 * lease at a third of its time; if it cannot renew (Redis unreachable, or it lost it), it stops.
 */
export class LeasedInput implements InputConnector {
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;

  constructor(
    private readonly lease: Lease,
    private readonly connector: InputConnector,
    private readonly reportError: (error: Error) => void,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.running) {
      this.running = false;
      await this.connector.stop();
      await this.lease.release().catch(() => undefined);
    }
  }

  private async tick(): Promise<void> {
    let held = false;
    try {
      held = await this.lease.acquire();
    } catch (error) {
      this.reportError(error as Error);
    }
    if (this.stopped) return;
    if (held && !this.running) {
      this.running = true;
      await this.connector.start().catch((error: Error) => this.reportError(error));
    } else if (!held && this.running) {
      this.running = false;
      await this.connector.stop().catch((error: Error) => this.reportError(error));
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), this.lease.ttlMs / 3);
  }
}
