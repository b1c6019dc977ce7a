import type { components } from '../../api/generated/dashboard-api';

export type GatewayNode = components['schemas']['GatewayNode'];

/**
 * Gateways report their status every 10 s by default (`hybrid.status_interval_ms`); three missed reports
 * mean the node is gone or cut off, whatever it last said.
 */
export const STALE_AFTER_MS = 30_000;

export type NodeState = 'in sync' | 'out of sync' | 'stale' | 'no status yet';

/** How a node stands, in words (the badge's colour only repeats it). */
export function nodeState(node: GatewayNode, now: number): NodeState {
  if (now - Date.parse(node.lastSeenAt) > STALE_AFTER_MS) return 'stale';
  if (!node.status) return 'no status yet';
  return node.inSync ? 'in sync' : 'out of sync';
}

export function stateTone(state: NodeState): 'ok' | 'bad' | 'warn' {
  return state === 'in sync' ? 'ok' : state === 'out of sync' ? 'bad' : 'warn';
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "12 seconds ago", "3 minutes ago": how long since an instant, in the largest unit that fits. */
export function timeAgo(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const minutes = Math.round(seconds / 60);
  const hours = Math.round(minutes / 60);
  if (Math.abs(seconds) < 60) return relative.format(seconds, 'second');
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

/** The streams a node reports, in words: "2 running, 1 failing". */
export function streamsSummary(node: GatewayNode): string | undefined {
  const streams = node.status?.streams;
  if (!streams || streams.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const stream of streams) counts.set(stream.state, (counts.get(stream.state) ?? 0) + 1);
  return [...counts].map(([state, count]) => `${count} ${state}`).join(', ');
}
