import type { AnalyticsBatch, Sink } from '@gatehouse/pump-core';
import { toTykRecord, TykAnalyticsRecord } from '@gatehouse/shared-tyk-compat';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

import { RecentEntryIds } from './recent-entry-ids';
import type { SinkType } from './sink-type';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

type Column = [header: string, value: (record: TykAnalyticsRecord) => string | number | boolean];

/**
 * Tyk CSV pump's columns, in its order and with its formats (Go's time and month strings, tags joined
 * by `;`). Gatehouse records carry no geo or network data: those columns keep Tyk's layout with Go's
 * zero values, so files read the same as Tyk's.
 */
const COLUMNS: Column[] = [
  ['Method', (record) => record.method],
  ['Host', (record) => record.host],
  ['Path', (record) => record.path],
  ['RawPath', (record) => record.raw_path],
  ['ContentLength', (record) => record.content_length],
  ['UserAgent', (record) => record.user_agent],
  ['Day', (record) => record.day],
  ['Month', (record) => MONTHS[record.month - 1]],
  ['Year', (record) => record.year],
  ['Hour', (record) => record.hour],
  ['ResponseCode', (record) => record.response_code],
  ['APIKey', (record) => record.api_key],
  ['TimeStamp', (record) => goTimeString(record.timestamp)],
  ['APIVersion', (record) => record.api_version],
  ['APIName', (record) => record.api_name],
  ['APIID', (record) => record.api_id],
  ['OrgID', (record) => record.org_id],
  ['OauthID', (record) => record.oauth_id],
  ['RequestTime', (record) => record.request_time],
  ['RawRequest', (record) => record.raw_request],
  ['RawResponse', (record) => record.raw_response],
  ['IPAddress', (record) => record.ip_address],
  ['GeoData.Country.ISOCode', () => ''],
  ['GeoData.City.GeoNameID', () => 0],
  ['GeoData.City.Names', () => ''],
  ['GeoData.Location.Latitude', () => 0],
  ['GeoData.Location.Longitude', () => 0],
  ['GeoData.Location.TimeZone', () => ''],
  ['NetworkStats.OpenConnections', () => 0],
  ['NetworkStats.ClosedConnection', () => 0],
  ['NetworkStats.BytesIn', () => 0],
  ['NetworkStats.BytesOut', () => 0],
  ['Latency.Total', (record) => record.latency.total],
  ['Latency.Upstream', (record) => record.latency.upstream],
  ['Tags', (record) => record.tags.join(';')],
  ['Alias', (record) => record.alias],
  ['TrackPath', (record) => record.track_path],
  ['ExpireAt', (record) => goTimeString(record.expireAt)],
];

const CSV_HEADER = COLUMNS.map(([header]) => header);

export interface CsvSinkOptions {
  /** Tyk's `csv_dir`; created when missing. */
  directory: string;
  /** Picks the hour's file; tests move it. */
  now?: () => Date;
}

/**
 * Tyk records as CSV rows (RFC 4180: quoted where needed, CRLF line ends) appended to one file per UTC
 * hour, named as Tyk names it (`2026-November-30-12.csv`), each file starting with a header row. A write
 * resolves once its rows (and a new file's directory entry) are fsynced. Tyk's columns carry no record
 * id, so appending cannot be idempotent across restarts: a batch this process wrote is skipped when
 * redelivered, but one redelivered after a crash between the fsync and the acknowledgement is written
 * again (at least once).
 */
export class CsvSink implements Sink {
  readonly name = 'csv';
  private readonly written = new RecentEntryIds();
  private readonly now: () => Date;

  constructor(private readonly options: CsvSinkOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async write(batches: AnalyticsBatch[]): Promise<void> {
    const fresh = batches.filter((batch) => !this.written.has(batch.entryId));
    const rows = fresh.flatMap((batch) =>
      batch.records.map((record) => {
        const tyk = toTykRecord(record, 0);
        return csvLine(COLUMNS.map(([, value]) => value(tyk)));
      }),
    );
    if (rows.length === 0) return;
    await mkdir(this.options.directory, { recursive: true });
    const file = await open(join(this.options.directory, hourFileName(this.now())), 'a');
    let created = false;
    try {
      const sizeBefore = (await file.stat()).size;
      created = sizeBefore === 0;
      try {
        await file.appendFile((created ? csvLine(CSV_HEADER) : '') + rows.join(''));
        await file.sync();
      } catch (error) {
        // A torn last row would merge with the retry's first row: cut the file back to whole rows.
        await file.truncate(sizeBefore).catch(() => undefined);
        throw error;
      }
    } finally {
      await file.close();
    }
    if (created) await syncDirectory(this.options.directory);
    for (const batch of fresh) this.written.add(batch.entryId);
  }
}

/** Tyk's file name: year, month name, day and hour, unpadded. */
function hourFileName(time: Date): string {
  const month = MONTHS[time.getUTCMonth()];
  return `${time.getUTCFullYear()}-${month}-${time.getUTCDate()}-${time.getUTCHours()}.csv`;
}

function csvLine(values: (string | number | boolean)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function csvField(value: string | number | boolean): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Go's `time.Time.String()` in UTC, as Tyk's CSV pump writes times: `2026-11-30 12:00:30.5 +0000 UTC`. */
function goTimeString(iso: string): string {
  const text = new Date(iso).toISOString();
  const fraction = text.slice(19, 23).replace(/\.?0+$/, '');
  return `${text.slice(0, 10)} ${text.slice(11, 19)}${fraction} +0000 UTC`;
}

/** A new file survives a crash only once its directory entry is on disk too. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Tyk's CSV pump's `meta`: one file per hour in `csv_dir`. */
export const csvMetaSchema = z.strictObject({
  csv_dir: z.string().min(1),
});

export const csvSinkType: SinkType<typeof csvMetaSchema> = {
  meta: csvMetaSchema,
  open: async (meta) => ({ sink: new CsvSink({ directory: meta.csv_dir }) }),
};
