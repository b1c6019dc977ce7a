import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets a long computation hand the event loop back every `sliceMs`: call `maybeYield()` between units
 * of work and requests keep being served while a large configuration compiles.
 */
export class TimeSlicer {
  private sliceEndsAt: number;

  constructor(private readonly sliceMs: number) {
    this.sliceEndsAt = performance.now() + sliceMs;
  }

  async maybeYield(): Promise<void> {
    if (performance.now() < this.sliceEndsAt) return;
    await nextTurn();
    this.sliceEndsAt = performance.now() + this.sliceMs;
  }
}
