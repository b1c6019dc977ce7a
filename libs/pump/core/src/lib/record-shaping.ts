import type { AnalyticsRecord } from '@gatehouse/shared-tyk-compat';

/** Tyk pump's per-pump record options. */
export interface RecordShaping {
  /** Drop the raw request and response. */
  omitDetailedRecording: boolean;
  /** Truncate the raw request and response to this many characters; 0 keeps them whole. */
  maxRecordSize: number;
}

export function shapeRecord(record: AnalyticsRecord, shaping: RecordShaping): AnalyticsRecord {
  if (record.raw_request === undefined && record.raw_response === undefined) return record;
  if (shaping.omitDetailedRecording) {
    const shaped = { ...record };
    delete shaped.raw_request;
    delete shaped.raw_response;
    return shaped;
  }
  if (shaping.maxRecordSize <= 0) return record;
  return {
    ...record,
    raw_request: record.raw_request?.slice(0, shaping.maxRecordSize),
    raw_response: record.raw_response?.slice(0, shaping.maxRecordSize),
  };
}
