import { compileApiSpec, RequestContext } from '@gatehouse/gateway-core';
import type { IncomingMessage } from 'node:http';

import { buildRecord } from './analytics-builder';

describe(buildRecord.name, () => {
  afterEach(() => jest.useRealTimers());

  it("records what Tyk's pump needs from the request, the API, the key and the clock", () => {
    jest.useFakeTimers({ now: Date.parse('2026-03-04T05:06:07.089Z') });
    const spec = compileApiSpec({
      api_id: 'orders',
      name: 'Orders',
      org_id: 'acme',
      tags: ['eu'],
      proxy: { listen_path: '/orders/', target_url: 'http://up' },
    });
    const req = {
      method: 'POST',
      url: '/orders/7?x=1',
      headers: { host: 'gw', 'user-agent': 'curl', 'content-length': '12' },
    } as unknown as IncomingMessage;
    const ctx = new RequestContext(
      req,
      spec,
      '/7',
      '?x=1',
      '10.0.0.1',
      'req-1',
      Date.parse('2026-03-04T05:06:07.080Z'),
    );
    ctx.keyId = 'a'.repeat(64);
    ctx.keyRef = 'e255f6484f242509';
    ctx.upstreamMs = 4.4;
    const sut = buildRecord(ctx, 201);
    // The Tyk rendering of this compact record is toTykRecord's own spec.
    expect(sut).toEqual({
      id: expect.any(String),
      timestamp: Date.parse('2026-03-04T05:06:07.089Z'),
      method: 'POST',
      host: 'gw',
      path: '/orders/7',
      raw_path: '/orders/7?x=1',
      content_length: 12,
      user_agent: 'curl',
      response_code: 201,
      api_key: 'e255f6484f242509',
      api_version: expect.any(String),
      api_name: 'Orders',
      api_id: 'orders',
      org_id: 'acme',
      ip_address: '10.0.0.1',
      latency: { total: 9, upstream: 4 },
      tags: ['eu'],
    });
    expect(buildRecord(ctx, 200).id).not.toBe(sut.id);
  });

  it('records the key reference, never the lookup id, and drops a key sent as a query parameter', () => {
    const spec = compileApiSpec({
      api_id: 'orders',
      auth: { use_param: true, param_name: 'api_key' },
      proxy: { listen_path: '/orders/', target_url: 'http://up' },
    });
    const req = {
      method: 'GET',
      url: '/orders/7?api_key=RAWKEY&x=1',
      headers: {},
    } as unknown as IncomingMessage;
    const ctx = new RequestContext(req, spec, '/7', '?x=1', '10.0.0.1', 'req-2', Date.now());
    ctx.keyId = 'b'.repeat(64);
    ctx.keyRef = '0123456789abcdef';
    const sut = buildRecord(ctx, 200);
    expect(sut.api_key).toBe('0123456789abcdef');
    expect(sut.raw_path).toBe('/orders/7?x=1');
    expect(JSON.stringify(sut)).not.toContain('RAWKEY');
    expect(JSON.stringify(sut)).not.toContain(ctx.keyId);
  });
});
