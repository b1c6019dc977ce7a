import type { DependencyProbe } from '@gatehouse/shared-kernel';
import { Inject, Injectable } from '@nestjs/common';

import { COMPONENT_INFO, ComponentInfo, DEPENDENCY_PROBES } from './tokens';

export type HealthStatus = 'pass' | 'fail';

export interface DependencyHealth {
  status: HealthStatus;
  componentType: DependencyProbe['componentType'];
  /** When the probe finished, RFC 3339. */
  time: string;
  latencyMs: number;
  output?: string;
}

export interface HealthReport {
  status: HealthStatus;
  component: string;
  version: string;
  checks: Record<string, DependencyHealth>;
}

/** A probe that hangs is as bad as one that fails, and must not hang the health endpoint with it. */
const PROBE_TIMEOUT_MS = 2000;

async function runProbe(probe: DependencyProbe): Promise<DependencyHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe.probe(), timeout]);
    return health('pass', probe, started);
  } catch (error) {
    return {
      ...health('fail', probe, started),
      output: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

function health(status: HealthStatus, probe: DependencyProbe, started: number): DependencyHealth {
  return {
    status,
    componentType: probe.componentType,
    time: new Date().toISOString(),
    latencyMs: Math.round((performance.now() - started) * 100) / 100,
  };
}

@Injectable()
export class HealthService {
  constructor(
    @Inject(DEPENDENCY_PROBES) private readonly probes: DependencyProbe[],
    @Inject(COMPONENT_INFO) private readonly component: ComponentInfo,
  ) {}

  async report(): Promise<HealthReport> {
    const results = await Promise.all(
      this.probes.map(async (probe) => [probe.name, await runProbe(probe)] as const),
    );
    const checks = Object.fromEntries(results);
    const status = results.every(([, result]) => result.status === 'pass') ? 'pass' : 'fail';
    return { status, component: this.component.name, version: this.component.version, checks };
  }
}
