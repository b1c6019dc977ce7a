import type { LimitCheck, LimitResult, LimitsStore } from '@gatehouse/gateway-core';

import { DegradingLimitsStore } from './degrading-limits-store';
import { LocalRateLimiter } from './local-rate-limiter';

class FlakyStore implements LimitsStore {
  down = false;
  async check(): Promise<LimitResult> {
    if (this.down) throw new Error('Connection is closed.');
    return {
      outcome: 'quota_exceeded',
      rateRemaining: 0,
      rateResetMs: 0,
      quotaRemaining: 0,
      quotaResetMs: 0,
    };
  }
}

const check: LimitCheck = { scope: 'k', rate: 2, perSeconds: 60, quotaMax: 10, quotaRenewalSeconds: 60 };

describe(DegradingLimitsStore.name, () => {
  let shared: FlakyStore;
  let degraded: number;
  let sut: DegradingLimitsStore;

  beforeEach(() => {
    shared = new FlakyStore();
    degraded = 0;
    sut = new DegradingLimitsStore(shared, new LocalRateLimiter(() => 1_000), () => degraded++);
  });

  it('answers from the shared counters while they answer', async () => {
    expect((await sut.check(check)).outcome).toBe('quota_exceeded');
    expect(degraded).toBe(0);
  });

  it('keeps the rate limit in process memory while the shared store is down, and counts it', async () => {
    shared.down = true;
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await sut.check(check)).outcome);
    expect(outcomes).toEqual(['allowed', 'allowed', 'rate_limited']);
    expect(degraded).toBe(3);
  });

  it('admits requests without a rate limit while the store is down', async () => {
    shared.down = true;
    expect((await sut.check({ ...check, rate: 0, perSeconds: 0 })).outcome).toBe('allowed');
  });
});
