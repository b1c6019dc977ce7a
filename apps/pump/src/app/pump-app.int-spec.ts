import { createLogger } from '@gatehouse/shared-observability';
import { freePort, stackService } from '@gatehouse/shared-testing';

import { pumpConfigSchema } from './pump.config';
import { RunningPump, startPump } from './pump-app';

const silent = createLogger({ name: 'pump', level: 'silent', format: 'json' });

describe('pump (real Redis)', () => {
  it('reports Redis healthy and serves metrics', async () => {
    const sut: RunningPump = await startPump(
      pumpConfigSchema.parse({ http: { port: 0 }, redis: { url: stackService('redis') } }),
      silent,
    );
    try {
      const health = await fetch(`${sut.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: 'pass',
        component: 'pump',
        checks: { redis: { status: 'pass' } },
      });
      const metrics = await (await fetch(`${sut.url}/metrics`)).text();
      expect(metrics).toContain('process_cpu_seconds_total{component="pump"}');
    } finally {
      await sut.close();
    }
  });

  it('refuses to start when its Redis cannot be reached', async () => {
    const config = pumpConfigSchema.parse({
      http: { port: 0 },
      redis: { url: `redis://127.0.0.1:${await freePort()}`, startup_timeout_ms: 300 },
    });
    await expect(startPump(config, silent)).rejects.toThrow('redis not ready');
  });
});
