import type { DependencyProbe } from '@gatehouse/shared-kernel';

import { HealthService } from './health.service';

function probe(name: string, outcome: () => Promise<void>): DependencyProbe {
  return { name, componentType: 'datastore', probe: outcome };
}

describe(HealthService.name, () => {
  it('passes when every dependency answers', async () => {
    const sut = new HealthService(
      [probe('redis', async () => undefined), probe('mongodb', async () => undefined)],
      {
        name: 'bridge',
        version: '1.2.3',
      },
    );
    const report = await sut.report();
    expect(report).toMatchObject({ status: 'pass', component: 'bridge', version: '1.2.3' });
    expect(Object.keys(report.checks)).toEqual(['redis', 'mongodb']);
  });

  it('fails, with the reason, when one dependency fails', async () => {
    const sut = new HealthService(
      [
        probe('redis', async () => undefined),
        probe('mongodb', async () => Promise.reject(new Error('connection refused'))),
      ],
      { name: 'bridge', version: '1' },
    );
    const report = await sut.report();
    expect(report.status).toBe('fail');
    expect(report.checks['redis'].status).toBe('pass');
    expect(report.checks['mongodb']).toMatchObject({ status: 'fail', output: 'connection refused' });
  });

  it('fails a dependency that hangs instead of hanging with it', async () => {
    jest.useFakeTimers();
    try {
      const sut = new HealthService([probe('stuck', () => new Promise(() => undefined))], {
        name: 'x',
        version: '1',
      });
      const pending = sut.report();
      await jest.advanceTimersByTimeAsync(2500);
      const report = await pending;
      expect(report.checks['stuck']).toMatchObject({ status: 'fail', output: 'no answer within 2000 ms' });
    } finally {
      jest.useRealTimers();
    }
  });
});
