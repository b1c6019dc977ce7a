/**
 * A FIFO with a hard capacity: pushing into a full queue evicts the oldest item and says so, so memory
 * stays bounded when the consumer (Redis, for analytics) is away. O(1) push and shift (ring buffer).
 */
export class BoundedQueue<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds an item; returns true when the oldest item was evicted to make room. */
  push(item: T): boolean {
    const tail = (this.head + this.count) % this.capacity;
    this.items[tail] = item;
    if (this.count < this.capacity) {
      this.count++;
      return false;
    }
    this.head = (this.head + 1) % this.capacity;
    return true;
  }

  /** Removes and returns up to `max` items, oldest first. */
  take(max: number): T[] {
    const n = Math.min(max, this.count);
    const taken = new Array<T>(n);
    for (let i = 0; i < n; i++) {
      const index = (this.head + i) % this.capacity;
      taken[i] = this.items[index] as T;
      this.items[index] = undefined;
    }
    this.head = (this.head + n) % this.capacity;
    this.count -= n;
    return taken;
  }

  /** Puts items back at the front (a failed write), evicting from the back if they no longer fit. */
  unshift(items: readonly T[]): number {
    let evicted = 0;
    for (let i = items.length - 1; i >= 0; i--) {
      if (this.count === this.capacity) {
        evicted++;
        continue;
      }
      this.head = (this.head - 1 + this.capacity) % this.capacity;
      this.items[this.head] = items[i];
      this.count++;
    }
    return evicted;
  }
}
