import type { AnalyticsRecord } from '@gatehouse/shared-tyk-compat';

import { passesFilters, NO_FILTERS } from './record-filters';
import { shapeRecord } from './record-shaping';

const record = {
  id: 'r1',
  org_id: 'acme',
  api_id: 'orders',
  response_code: 500,
  raw_request: 'R0VUIC8gSFRUUC8xLjE=',
  raw_response: 'SFRUUC8xLjEgNTAw',
} as AnalyticsRecord;

describe('record filters and shaping (as Tyk pump)', () => {
  it.each([
    [{}, true],
    [{ org_ids: ['globex'] }, false],
    [{ api_ids: ['orders'] }, true],
    [{ response_codes: [200] }, false],
    [{ skip_response_codes: [500] }, false],
    [{ skip_api_ids: ['billing'] }, true],
  ])('filters %j → %s', (filters, kept) => {
    expect(passesFilters(record, { ...NO_FILTERS, ...filters })).toBe(kept);
  });

  it('omits or truncates the raw request and response', () => {
    expect(shapeRecord(record, { omitDetailedRecording: true, maxRecordSize: 0 })).not.toHaveProperty(
      'raw_request',
    );
    expect(shapeRecord(record, { omitDetailedRecording: false, maxRecordSize: 4 })).toMatchObject({
      raw_request: 'R0VU',
      raw_response: 'SFRU',
    });
    expect(shapeRecord(record, { omitDetailedRecording: false, maxRecordSize: 0 })).toBe(record);
  });
});
