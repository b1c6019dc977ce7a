import { execFileSync } from 'node:child_process';

import { heapGrowthFlag, limitHeapGrowth } from './heap-growth';

/**
 * The largest heap a fresh process reaches while keeping 32 MB alive and replacing it piece by piece
 * (as a gateway's key cache does), with `flag` set the way limitHeapGrowth sets it.
 */
function peakHeapMb(flag: string | undefined): number {
  const churn = `
    if (process.argv[1]) require('node:v8').setFlagsFromString(process.argv[1]);
    const live = Array.from({ length: 4000 }, (_, i) => new Array(1000).fill(i + 0.5));
    let peak = 0;
    for (let i = 0; i < 100000; i++) {
      live[i % live.length] = new Array(1000).fill(i + 0.5);
      if (i % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapTotal);
    }
    process.stdout.write(String(peak / 1048576));`;
  return Number(execFileSync(process.execPath, ['-e', churn, flag ?? ''], { encoding: 'utf8' }));
}

describe('heap growth', () => {
  it('refuses a percent that is not a whole number of at least 0', () => {
    expect(() => limitHeapGrowth(-1)).toThrow(RangeError);
    expect(() => heapGrowthFlag(12.5)).toThrow(RangeError);
    expect(heapGrowthFlag(0)).toBeUndefined();
  });

  it('keeps a churning heap closer to its live size than V8 left alone', () => {
    const bounded = peakHeapMb(heapGrowthFlag(25));
    const unbounded = peakHeapMb(heapGrowthFlag(0));
    // Idle: 127 vs 175 MB; on a loaded machine marking lags allocation, so the margin narrows.
    expect(bounded).toBeLessThan(unbounded * 0.9);
  });
});
