/** The slice of a `ConnectionSlots` the limit uses. */
export interface Slots {
  readonly ttlMs: number;
  take(key: string, slot: string, max: number): Promise<boolean>;
  renew(held: Iterable<[key: string, slot: string]>): Promise<void>;
  release(key: string, slot: string): Promise<void>;
}

/**
 * `max_connections_per_key` across the region's gateways: each consumer connection takes a slot in the
 * regional Redis under its stream and owner, renewed while it lasts. If Redis cannot be asked, the
 * connection is let in (each gateway still applies the limit to its own connections).
 */
export class RegionConnectionLimit {
  private readonly held = new Map<string, [key: string, slot: string]>();
  private sequence = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly slots: Slots,
    private readonly nodeId: string,
  ) {}

  /** A held slot's handle, `refused` at the limit, or `unchecked` when the region could not be asked. */
  async take(key: string, max: number): Promise<string | 'refused' | 'unchecked'> {
    const slot = `${this.nodeId}:${++this.sequence}`;
    try {
      if (!(await this.slots.take(key, slot, max))) return 'refused';
    } catch {
      return 'unchecked';
    }
    this.held.set(slot, [key, slot]);
    this.timer ??= setInterval(
      () => void this.slots.renew(this.held.values()).catch(() => undefined),
      this.slots.ttlMs / 3,
    );
    this.timer.unref();
    return slot;
  }

  release(handle: string): void {
    const held = this.held.get(handle);
    if (!held) return;
    this.held.delete(handle);
    void this.slots.release(...held).catch(() => undefined);
    if (this.held.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const handle of [...this.held.keys()]) this.release(handle);
  }
}
