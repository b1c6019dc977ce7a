import type { AnalyticsBatch, Sink } from './sink';

/**
 * A sink that keeps what it is given. `failWith` decides, per write, whether it throws (a message) or
 * takes the batches (undefined); `hold` makes the next write wait until `release()`.
 */
export class FakeSink implements Sink {
  readonly name = 'fake';
  /** The batches of every successful write. */
  readonly written: AnalyticsBatch[][] = [];
  /** When each write started (Date.now()). */
  readonly startedAt: number[] = [];
  calls = 0;
  closed = false;
  failWith: (batches: AnalyticsBatch[], call: number) => string | undefined = () => undefined;
  private held?: Promise<void>;
  private releaseHeld?: () => void;

  /** `log` gets `write <entry ids>` when a write starts, to order writes among the stream's calls. */
  constructor(private readonly log: string[] = []) {}

  hold(): void {
    this.held = new Promise((resolve) => (this.releaseHeld = resolve));
  }

  release(): void {
    this.releaseHeld?.();
  }

  async write(batches: AnalyticsBatch[]): Promise<void> {
    const call = ++this.calls;
    this.startedAt.push(Date.now());
    this.log.push(`write ${batches.map((batch) => batch.entryId).join(' ')}`);
    const held = this.held;
    this.held = undefined;
    await held;
    const failure = this.failWith(batches, call);
    if (failure !== undefined) throw new Error(failure);
    this.written.push(batches);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
