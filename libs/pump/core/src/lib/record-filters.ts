import type { AnalyticsRecord } from '@gatehouse/shared-tyk-compat';

/** Tyk pump's per-pump `filters`: empty lists mean "no restriction". */
export interface RecordFilters {
  org_ids: string[];
  api_ids: string[];
  response_codes: number[];
  skip_org_ids: string[];
  skip_api_ids: string[];
  skip_response_codes: number[];
}

export const NO_FILTERS: RecordFilters = {
  org_ids: [],
  api_ids: [],
  response_codes: [],
  skip_org_ids: [],
  skip_api_ids: [],
  skip_response_codes: [],
};

/** Whether a sink with these filters takes the record, as Tyk pump decides it. */
export function passesFilters(record: AnalyticsRecord, filters: RecordFilters): boolean {
  const allowed = <T>(list: T[], value: T) => list.length === 0 || list.includes(value);
  return (
    allowed(filters.org_ids, record.org_id) &&
    allowed(filters.api_ids, record.api_id) &&
    allowed(filters.response_codes, record.response_code) &&
    !filters.skip_org_ids.includes(record.org_id) &&
    !filters.skip_api_ids.includes(record.api_id) &&
    !filters.skip_response_codes.includes(record.response_code)
  );
}
