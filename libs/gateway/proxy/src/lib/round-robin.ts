/** Cycles through an API's upstream targets (Tyk's `enable_load_balancing` over `target_list`). */
export class RoundRobin<T> {
  private next = 0;

  constructor(private readonly targets: readonly T[]) {
    if (targets.length === 0) throw new RangeError('round robin needs at least one target');
  }

  get size(): number {
    return this.targets.length;
  }

  pick(): T {
    const target = this.targets[this.next];
    this.next = (this.next + 1) % this.targets.length;
    return target;
  }
}
