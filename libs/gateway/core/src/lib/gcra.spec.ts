import fc from 'fast-check';

import { gcra } from './gcra';

function replay(times: number[], rate: number, perMs: number): number[] {
  let tat: number | undefined;
  const admitted: number[] = [];
  for (const time of times) {
    const decision = gcra(tat, time, rate, perMs);
    tat = decision.tat;
    expect(decision.remaining).toBeGreaterThanOrEqual(0);
    if (decision.allowed) admitted.push(time);
  }
  return admitted;
}

describe(gcra.name, () => {
  it('admits a burst of exactly `rate` from idle, counting remaining down, then refuses', () => {
    let tat: number | undefined;
    const outcomes = Array.from({ length: 4 }, () => {
      const decision = gcra(tat, 1_000, 3, 9_000);
      tat = decision.tat;
      return [decision.allowed, decision.remaining];
    });
    expect(outcomes).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
  });

  it('says when the next request may pass after a refusal', () => {
    const full = gcra(undefined, 0, 1, 10_000);
    const refused = gcra(full.tat, 4_000, 1, 10_000);
    expect(refused).toMatchObject({ allowed: false, resetMs: 6_000 });
    expect(gcra(full.tat, 10_000, 1, 10_000).allowed).toBe(true);
  });

  it('never refuses a steady stream at exactly the rate (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 10, max: 60_000 }), (rate, perMs) => {
        const interval = perMs / rate;
        const times = Array.from({ length: rate * 3 }, (_, i) => i * interval);
        expect(replay(times, rate, perMs)).toHaveLength(times.length);
      }),
    );
  });

  it('admits at most rate + span·rate/per over any span (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 100, max: 5_000 }),
        fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 300 }),
        (rate, perMs, offsets) => {
          const admitted = replay(
            [...offsets].sort((a, b) => a - b),
            rate,
            perMs,
          );
          for (let i = 0; i < admitted.length; i++) {
            for (let j = i; j < admitted.length; j++) {
              const span = admitted[j] - admitted[i];
              expect(j - i + 1).toBeLessThanOrEqual(rate + Math.floor((span * rate) / perMs + 1e-9));
            }
          }
        },
      ),
    );
  });
});
