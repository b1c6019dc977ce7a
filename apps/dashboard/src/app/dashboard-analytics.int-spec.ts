import { connectMongo, MongoConnection } from '@gatehouse/shared-control-plane-db';
import {
  ANALYTICS_AGGREGATES_COLLECTION,
  histogramIndex,
  LATENCY_BUCKETS_MS,
  PartialAggregate,
} from '@gatehouse/shared-kernel';
import { stackService } from '@gatehouse/shared-testing';

import { startTestDashboard, TestDashboard } from './test-dashboard.spec-helper';

interface Point {
  time: string;
  hits: number;
  errors: number;
  latency: { mean: number; max: number; p50: number; p95: number; p99: number };
}

const HOUR = 3_600_000;
const start = Date.UTC(2026, 10, 30, 10);

/** What the pump's mongo-aggregate sink would write for one stream entry (the dashboard only reads these). */
function partial(
  orgId: string,
  entryId: string,
  hour: number,
  dimension: PartialAggregate['dimension'],
  value: string,
  latencies: number[],
  errors = 0,
): PartialAggregate {
  const histogram = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  for (const latency of latencies) histogram[histogramIndex(latency)]++;
  return {
    _id: `${entryId}|${dimension}|${value}|${hour}`,
    entryId,
    granularity: 'hour',
    bucket: new Date(start + hour * HOUR),
    orgId,
    apiId: 'orders',
    dimension,
    value,
    hits: latencies.length,
    errors,
    latencySum: latencies.reduce((sum, latency) => sum + latency, 0),
    latencyMax: Math.max(...latencies),
    upstreamLatencySum: 0,
    latencyHistogram: histogram,
  };
}

describe('dashboard analytics queries (real MongoDB-compatible server)', () => {
  let sut: TestDashboard;
  let mongo: MongoConnection;
  let token: string;
  const range = `from=${new Date(start).toISOString()}&to=${new Date(start + 3 * HOUR).toISOString()}`;

  beforeAll(async () => {
    sut = await startTestDashboard('analytics');
    mongo = await connectMongo({ url: stackService('mongo'), database: sut.database, appName: 'spec' });
    const acme = await sut.createOrg('acme');
    const globex = await sut.createOrg('globex');
    token = acme.token;
    await mongo.db.collection<PartialAggregate>(ANALYTICS_AGGREGATES_COLLECTION).insertMany([
      partial(acme.orgId, '1-0', 0, 'api', 'orders', [4, 8, 40], 1),
      // A second entry in the same hour adds up with the first.
      partial(acme.orgId, '2-0', 0, 'api', 'orders', [300], 1),
      partial(acme.orgId, '3-0', 2, 'api', 'orders', [15]),
      partial(acme.orgId, '1-0', 0, 'path', 'GET /orders', [4, 8, 40]),
      partial(acme.orgId, '2-0', 0, 'path', 'POST /orders', [300]),
      partial(acme.orgId, '3-0', 2, 'path', 'GET /orders', [15]),
      partial(globex.orgId, '9-0', 0, 'api', 'orders', [1, 1, 1, 1, 1]),
    ]);
  });

  afterAll(async () => {
    await sut?.close();
    await mongo?.client.close();
  });

  it("answers an hourly series of the org's requests, errors and latency, empty hours included", async () => {
    const answer = await sut.call<{ series: Point[] }>(
      'GET',
      `/analytics/requests?${range}&api=orders`,
      token,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.series.map((point) => [point.time, point.hits, point.errors])).toEqual([
      ['2026-11-30T10:00:00.000Z', 4, 2],
      ['2026-11-30T11:00:00.000Z', 0, 0],
      ['2026-11-30T12:00:00.000Z', 1, 0],
    ]);
    expect(answer.body.series[0].latency).toEqual({ mean: 88, max: 300, p50: 10, p95: 300, p99: 300 });
  });

  it('ranks the top endpoints of the range, paginated', async () => {
    const answer = await sut.call<{ total: number; rows: { value: string; hits: number }[] }>(
      'GET',
      `/analytics/breakdown?${range}&by=path&limit=1`,
      token,
    );
    expect(answer.body.total).toBe(2);
    expect(answer.body.rows.map((row) => [row.value, row.hits])).toEqual([['GET /orders', 4]]);
    const second = await sut.call<{ rows: { value: string }[] }>(
      'GET',
      `/analytics/breakdown?${range}&by=path&limit=1&offset=1`,
      token,
    );
    expect(second.body.rows.map((row) => row.value)).toEqual(['POST /orders']);
  });

  it('names the field of a bad query', async () => {
    for (const [query, field] of [
      [`${range}&granularity=week`, 'granularity'],
      [`from=${new Date(start).toISOString()}&to=${new Date(start - HOUR).toISOString()}`, 'from'],
      [`${range}&status=200&region=eu`, 'region'],
      [`${range}&by=colour`, 'by'],
    ]) {
      const path = field === 'by' ? `/analytics/breakdown?${query}` : `/analytics/requests?${query}`;
      const answer = await sut.call('GET', path, token);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain(field);
    }
  });
});
