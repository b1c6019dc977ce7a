/**
 * Entry ids a sink has written lately. Sinks that cannot write idempotently by record id (counters,
 * appended files, datagrams) skip a batch this process already wrote: the runner redelivers it when
 * the acknowledgement failed after a successful write. Bounded, so a long-running pump stays small.
 */
export class RecentEntryIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    this.ids.add(id);
    for (const oldest of this.ids) {
      if (this.ids.size <= this.capacity) break;
      this.ids.delete(oldest);
    }
  }
}
