import { waitFor } from '@gatehouse/shared-testing';

import type { RunningGateway } from './topology';

/** The status and body of one request through a gateway. */
export async function send(
  gateway: RunningGateway,
  path: string,
  key?: string,
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${gateway.url}${path}`, { headers: key ? { authorization: key } : {} });
  return { status: response.status, body: await response.text() };
}

/** Waits until every gateway answers `path` with `status`; resolves with the milliseconds it took. */
export async function untilEvery(
  gateways: RunningGateway[],
  path: string,
  status: number,
  options: { key?: string; timeoutMs?: number; since?: number } = {},
): Promise<number> {
  const since = options.since ?? Date.now();
  await Promise.all(
    gateways.map((gateway) =>
      waitFor(async () => (await send(gateway, path, options.key)).status === status, {
        description: `${gateway.nodeId} to answer ${status} on ${path}`,
        timeoutMs: options.timeoutMs ?? 10_000,
        intervalMs: 5,
      }),
    ),
  );
  return Date.now() - since;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
