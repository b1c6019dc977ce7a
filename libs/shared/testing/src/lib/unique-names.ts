import { randomBytes } from 'node:crypto';

/**
 * A name no other test file uses, for a database or a Redis key prefix: test files run in parallel
 * against one shared service and must never see each other's data.
 */
export function uniqueName(label: string): string {
  const safe = label.replace(/[^A-Za-z0-9]+/g, '_').slice(0, 24);
  return `t_${safe}_${process.pid}_${randomBytes(4).toString('hex')}`;
}
