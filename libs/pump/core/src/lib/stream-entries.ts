import { ANALYTICS_BATCH_FIELDS, AnalyticsRecord } from '@gatehouse/shared-tyk-compat';

import type { AnalyticsBatch } from './sink';
import type { StreamEntry } from './analytics-stream';

/** The batch in an entry, or the reason it cannot be read (such entries go to the dead-letter stream). */
export function parseEntry(entry: StreamEntry): AnalyticsBatch | { unreadable: string } {
  const json = entry.fields[ANALYTICS_BATCH_FIELDS.records];
  if (json === undefined)
    return { unreadable: `entry ${entry.id} has no "${ANALYTICS_BATCH_FIELDS.records}" field` };
  let records: unknown;
  try {
    records = JSON.parse(json);
  } catch {
    return { unreadable: `entry ${entry.id}: records are not JSON` };
  }
  if (!Array.isArray(records) || !records.every((record) => record !== null && typeof record === 'object'))
    return { unreadable: `entry ${entry.id}: records are not a JSON array of objects` };
  return {
    entryId: entry.id,
    records: records as AnalyticsRecord[],
    region: entry.fields[ANALYTICS_BATCH_FIELDS.region] ?? '',
  };
}
