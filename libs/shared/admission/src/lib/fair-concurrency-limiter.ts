import { TooManyRequestsError, UnavailableError } from '@gatehouse/shared-kernel';

export interface ConcurrencyLimits {
  /** Work of one key (a tenant) running at once. */
  perKey: number;
  /** Work of all keys running at once: keep it below the database pool, so the pool never queues. */
  total: number;
  /** Work of one key waiting for a slot; more is refused at once with 429 / RESOURCE_EXHAUSTED. */
  queuedPerKey: number;
  /** Work of all keys waiting; more is refused at once with 503 / UNAVAILABLE. */
  queuedTotal: number;
  /** How long work may wait for a slot before it is refused with 503 / UNAVAILABLE. */
  queueTimeoutMs: number;
}

/** Gives the slot back; calling it more than once is harmless. */
export type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
  refuse: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Bounded concurrency per key and in total, fair between keys. Work that cannot start waits in a
 * bounded queue per key; a freed slot goes to the keys with waiters in turn (round robin), never
 * simply to the oldest waiter, so a tenant with a thousand queued calls delays another tenant's call by
 * at most one slot's worth of work. Nothing waits forever: past `queueTimeoutMs` it is refused.
 *
 * `what` names the work in refusals ("database reads", "writes"); keys appear in them too, so use
 * identifiers the caller may see (its own org id).
 */
export class FairConcurrencyLimiter {
  private readonly running = new Map<string, number>();
  /** Keys with waiters, in the order they get the next free slot (a Map keeps insertion order). */
  private readonly waiting = new Map<string, Waiter[]>();
  private runningTotal = 0;
  private waitingTotal = 0;

  constructor(
    private readonly limits: ConcurrencyLimits,
    private readonly what: string,
  ) {}

  /** Work running and waiting now, for metrics and tests. */
  get load(): { running: number; waiting: number } {
    return { running: this.runningTotal, waiting: this.waitingTotal };
  }

  /** Runs `work` once a slot of `key` is free, and frees it when the work settles. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(key);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** A slot for `key`, now or after a bounded wait; refused with a domain error otherwise. */
  acquire(key: string): Promise<Release> {
    if (this.canStart(key) && !this.waiting.has(key)) return Promise.resolve(this.start(key));
    const queued = this.waiting.get(key)?.length ?? 0;
    if (queued >= this.limits.queuedPerKey) {
      return Promise.reject(
        new TooManyRequestsError(
          `too many ${this.what} of ${key} at once (${this.limits.perKey} running, ${queued} waiting); retry shortly`,
          1,
        ),
      );
    }
    if (this.waitingTotal >= this.limits.queuedTotal) {
      return Promise.reject(
        new UnavailableError(`busy: ${this.waitingTotal} ${this.what} already waiting; retry shortly`, 1),
      );
    }
    return new Promise<Release>((grant, refuse) => {
      const waiter: Waiter = {
        grant,
        refuse,
        timer: setTimeout(() => {
          this.dequeue(key, waiter);
          refuse(
            new UnavailableError(
              `no slot for ${this.what} within ${this.limits.queueTimeoutMs} ms (the database is slow); retry shortly`,
              1,
            ),
          );
        }, this.limits.queueTimeoutMs),
      };
      const list = this.waiting.get(key);
      if (list) list.push(waiter);
      else this.waiting.set(key, [waiter]);
      this.waitingTotal++;
    });
  }

  /** A slot for `key` only if one is free now; streams use it to refuse rather than queue. */
  tryAcquire(key: string): Release | undefined {
    return this.canStart(key) && !this.waiting.has(key) ? this.start(key) : undefined;
  }

  private canStart(key: string): boolean {
    return this.runningTotal < this.limits.total && (this.running.get(key) ?? 0) < this.limits.perKey;
  }

  private start(key: string): Release {
    this.running.set(key, (this.running.get(key) ?? 0) + 1);
    this.runningTotal++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(key) ?? 1) - 1;
      if (left === 0) this.running.delete(key);
      else this.running.set(key, left);
      this.runningTotal--;
      this.dispatch();
    };
  }

  /** Hands free slots to waiting keys in turn; a key served goes to the back of the line. */
  private dispatch(): void {
    for (const [key, list] of this.waiting) {
      if (this.runningTotal >= this.limits.total) return;
      if (!this.canStart(key)) continue;
      const waiter = list.shift() as Waiter;
      this.waitingTotal--;
      this.waiting.delete(key);
      if (list.length > 0) this.waiting.set(key, list);
      clearTimeout(waiter.timer);
      waiter.grant(this.start(key));
      return;
    }
  }

  private dequeue(key: string, waiter: Waiter): void {
    const list = this.waiting.get(key);
    const index = list?.indexOf(waiter) ?? -1;
    if (!list || index < 0) return;
    list.splice(index, 1);
    this.waitingTotal--;
    if (list.length === 0) this.waiting.delete(key);
  }
}
