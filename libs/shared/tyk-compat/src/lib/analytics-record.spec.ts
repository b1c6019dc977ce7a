import { AnalyticsRecord, toTykRecord } from './analytics-record';

describe(toTykRecord.name, () => {
  const record: AnalyticsRecord = {
    id: 'r1',
    timestamp: Date.parse('2026-03-04T05:06:07.089Z'),
    method: 'POST',
    host: 'gw',
    path: '/orders/7',
    raw_path: '/orders/7?x=1',
    content_length: 12,
    user_agent: 'curl',
    response_code: 201,
    api_key: 'e255f6484f242509',
    api_version: 'Default',
    api_name: 'Orders',
    api_id: 'orders',
    org_id: 'acme',
    ip_address: '10.0.0.1',
    latency: { total: 9, upstream: 4 },
    tags: ['eu'],
  };

  it("restores every field of Tyk's record", () => {
    expect(toTykRecord(record, 60)).toEqual({
      id: 'r1',
      method: 'POST',
      host: 'gw',
      path: '/orders/7',
      raw_path: '/orders/7?x=1',
      content_length: 12,
      user_agent: 'curl',
      day: 4,
      month: 3,
      year: 2026,
      hour: 5,
      response_code: 201,
      api_key: 'e255f6484f242509',
      timestamp: '2026-03-04T05:06:07.089Z',
      api_version: 'Default',
      api_name: 'Orders',
      api_id: 'orders',
      org_id: 'acme',
      oauth_id: '',
      request_time: 9,
      raw_request: '',
      raw_response: '',
      ip_address: '10.0.0.1',
      latency: { total: 9, upstream: 4 },
      tags: ['eu', 'key-e255f6484f242509', 'org-acme', 'api-orders'],
      alias: '',
      track_path: false,
      expireAt: '2026-03-04T05:07:07.089Z',
    });
  });

  it('adds no key tag for keyless requests', () => {
    expect(toTykRecord({ ...record, api_key: '' }, 0).tags).toEqual(['eu', 'org-acme', 'api-orders']);
  });
});
